import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import { canExtend } from '../core/deadlines/index.js';
import { readStoreResults } from '../connectors/progress.js';
import { requireEnv } from '../shared/env.js';
import { HttpError } from '../shared/http/errors.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { MessagesRepo } from '../shared/messages-repo.js';
import { isRequestId } from '../shared/tokens.js';
import { workflowEnv } from '../shared/workflow-env.js';
import { parseBody } from './body.js';
import { adminCaller } from './caller.js';
import { decideStep } from './decide.js';
import { dismiss, dismissBody, suggestedTypes, triage, triageBody } from './mailbox.js';
import { fileRequest, idempotencyKeyOf } from './filing.js';
import { requestIntake } from '../intake/accept.js';
import { requestIdKey } from '../intake/secrets.js';
import { teamFilingSchema } from '../core/intake/team-filing.js';
import { extendRequest } from './extend.js';
import { deliverNotices } from './notices.js';
import { reissueLink } from './reissue-link.js';
import { parseQueueQuery, queuePage } from './queue.js';
import { reviewActions } from './review.js';
import { stepView, summaryView } from './views.js';

const retryBody = z.strictObject({ storeId: z.string().optional() }).optional();

const requestNotFound = () => new HttpError(404, 'request_not_found', 'No request with this id.');
const unknownAction = (action: string) => new HttpError(404, 'unknown_action', `Unknown action "${action.slice(0, 40)}".`);

/** The admin API: the privacy team's queue, request detail and decisions. */
export function createHandler(env: Record<string, string>) {
  const table = requireEnv(env, 'REQUESTS_TABLE');
  const notices = workflowEnv(env);
  const { repo } = notices;
  const review = reviewActions(repo);
  const stateMachineArn = requireEnv(env, 'STATE_MACHINE_ARN');
  const mailbox = { repo, table, senderEmail: notices.senderEmail, stateMachineArn };
  const accept = requestIntake({
    table,
    stateMachineArn,
    watchArn: requireEnv(env, 'WATCH_STATE_MACHINE_ARN'),
    requestIdKey: () => requestIdKey({ REQUEST_ID_KEY_ARN: requireEnv(env, 'REQUEST_ID_KEY_ARN'), REQUEST_ID_KEY: env.REQUEST_ID_KEY }),
  });

  async function detail(requestId: string) {
    const request = await repo.find(requestId);
    if (!request) throw requestNotFound();
    const [audit, steps, stores, mails, messages] = await Promise.all([
      repo.auditTrail(requestId),
      repo.pendingSteps(requestId),
      readStoreResults(table, requestId),
      repo.sentMails(requestId),
      new MessagesRepo(table).list(requestId),
    ]);
    return {
      ...summaryView(request),
      locale: request.locale,
      contactEmail: request.contactEmail,
      name: request.name ?? null,
      details: request.details ?? null,
      deadlines: request.deadlines,
      extension: request.extension ?? null,
      // Notices queued with a change and not yet sent (the console shows "notice pending").
      noticesPending: Object.keys(request.outbox ?? {}),
      // The current download link's expiry and the package's deletion (a new link is possible until then).
      downloadLink: request.downloadLink ? { linkExpiresAt: request.downloadLink.linkExpiresAt, packageExpiresAt: request.downloadLink.packageExpiresAt } : null,
      decision: request.decision ?? null,
      outcome: request.outcome ?? null,
      // Whether an extension is still possible now, and if not why (the console shows it).
      extendable: canExtend(request.deadlines.initial.legal, new Date(), Boolean(request.extension)),
      subjectFound: request.subject?.found ?? null,
      pendingSteps: steps.map(stepView),
      stores,
      emailsSent: mails,
      // The privacy mailbox: the message that opened the request, and the replies since.
      mail: request.mail ?? null,
      suggestedTypes: suggestedTypes(request),
      triage: request.triage ?? null,
      dismissal: request.dismissal ?? null,
      messages,
      audit,
    };
  }

  async function act(event: APIGatewayProxyEvent, requestId: string, action: string, actor: string) {
    const request = await repo.find(requestId);
    if (!request) throw requestNotFound();
    if (Object.hasOwn(review, action)) {
      return (await review[action as keyof typeof review](event, request, actor)) ?? detail(requestId);
    }
    switch (action) {
      case 'cancel':
        await decideStep(repo, { requestId, stepKey: 'review', decision: 'cancelled', actor });
        break;
      case 'retry': {
        const body = parseBody(retryBody, event);
        const failed = (await repo.pendingSteps(requestId)).filter(
          (step) => step.step === 'store_failure' && (!body?.storeId || step.details?.storeId === body.storeId),
        );
        if (failed.length === 0) throw new HttpError(409, 'no_pending_step', 'No failed store is waiting for a retry.');
        for (const step of failed) await decideStep(repo, { requestId, stepKey: step.stepKey, decision: 'retry', actor });
        break;
      }
      case 'extend':
        await extendRequest(notices, event, request, actor);
        break;
      case 'reissue-link':
        await reissueLink(notices, request, actor);
        break;
      case 'send-notices':
        await deliverNotices(notices, requestId);
        break;
      case 'triage':
        await triage(mailbox, request, parseBody(triageBody, event), actor);
        break;
      case 'dismiss':
        await dismiss(mailbox, request, parseBody(dismissBody, event), actor);
        break;
      default:
        throw unknownAction(action);
    }
    return detail(requestId);
  }

  return httpHandler('admin', async (event) => {
    const actor = await adminCaller(event, env);
    const { id, action } = event.pathParameters ?? {};
    // An id no request can have, or an action no route has the shape of, is answered
    // without a lookup (DynamoDB refuses keys over 2 KB).
    if (id !== undefined && !isRequestId(id)) throw requestNotFound();
    if (action !== undefined && !/^[a-z][a-z-]{0,39}$/.test(action)) throw unknownAction(action);
    if (event.httpMethod === 'GET' && !id) {
      const filters = parseQueueQuery(event.queryStringParameters ?? {});
      return json(200, await queuePage((open, limit, cursor) => repo.list(open, limit, cursor), filters));
    }
    if (event.httpMethod === 'GET' && id) return json(200, await detail(id));
    if (event.httpMethod === 'POST' && !id) {
      return json(201, await fileRequest(accept, parseBody(teamFilingSchema, event), actor, idempotencyKeyOf(event)));
    }
    if (event.httpMethod === 'POST' && id && action) return json(200, await act(event, id, action, actor));
    throw new HttpError(404, 'not_found', 'No such admin route.');
  });
}

export const handler = lambdaEntry(createHandler);
