import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import { canExtend } from '../core/deadlines/index.js';
import { extensionNotice, rejection } from '../core/render/index.js';
import { needsOutcome, REJECTION_REASONS } from '../core/request/model.js';
import { readStoreResults } from '../connectors/progress.js';
import { requireEnv } from '../shared/env.js';
import { HttpError } from '../shared/http/errors.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { sendOnce } from '../shared/mailer.js';
import { RequestsRepo } from '../shared/requests-repo.js';
import { isRequestId } from '../shared/tokens.js';
import { adminCaller } from './caller.js';
import { decideStep } from './decide.js';
import { parseQueueQuery, queuePage } from './queue.js';
import { stepView, summaryView } from './views.js';

const rejectBody = z.strictObject({
  reasonCode: z.enum(REJECTION_REASONS).default('other'),
  reason: z.string().trim().min(1).max(5000),
});
const approveBody = z.strictObject({ outcome: z.string().trim().min(1).max(5000).optional() }).optional();
const extendBody = z.strictObject({ reason: z.string().trim().min(1).max(5000) });
const retryBody = z.strictObject({ storeId: z.string().optional() }).optional();

const requestNotFound = () => new HttpError(404, 'request_not_found', 'No request with this id.');
const unknownAction = (action: string) => new HttpError(404, 'unknown_action', `Unknown action "${action.slice(0, 40)}".`);

function parseBody<T>(schema: z.ZodType<T>, event: APIGatewayProxyEvent): T {
  let raw: unknown;
  try {
    raw = event.body ? JSON.parse(event.body) : undefined;
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new HttpError(400, 'validation_failed', 'The request has invalid fields.',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message })));
  }
  return result.data;
}

/** The admin API: the privacy team's queue, request detail and decisions. */
export function createHandler(env: Record<string, string>) {
  const table = requireEnv(env, 'REQUESTS_TABLE');
  const senderEmail = requireEnv(env, 'SENDER_EMAIL');
  const repo = new RequestsRepo(table);

  async function detail(requestId: string) {
    const request = await repo.find(requestId);
    if (!request) throw requestNotFound();
    const [audit, steps, stores, mails] = await Promise.all([
      repo.auditTrail(requestId),
      repo.pendingSteps(requestId),
      readStoreResults(table, requestId),
      repo.sentMails(requestId),
    ]);
    return {
      ...summaryView(request),
      locale: request.locale,
      contactEmail: request.contactEmail,
      name: request.name ?? null,
      details: request.details ?? null,
      deadlines: request.deadlines,
      extension: request.extension ?? null,
      rejection: request.rejection ?? null,
      outcome: request.outcome ?? null,
      // Whether an extension is still possible now, and if not why (the console shows it).
      extendable: canExtend(request.deadlines.initial.legal, new Date(), Boolean(request.extension)),
      subjectFound: request.subject?.found ?? null,
      pendingSteps: steps.map(stepView),
      stores,
      emailsSent: mails,
      audit,
    };
  }

  /** 409 unless the review step waits: checked before a decision stores its text. */
  async function requirePendingReview(requestId: string) {
    const pending = await repo.findStep(requestId, 'review');
    if (pending?.status !== 'pending') throw new HttpError(409, pending ? 'already_decided' : 'no_pending_step', 'The request is not waiting for a review decision.');
  }

  async function act(event: APIGatewayProxyEvent, requestId: string, action: string, actor: string) {
    const request = await repo.find(requestId);
    if (!request) throw requestNotFound();
    switch (action) {
      case 'approve': {
        // The team's statement of what it did, quoted in the reply (Art. 12(3)/(4)).
        const outcome = parseBody(approveBody, event)?.outcome;
        if (outcome || needsOutcome(request.types)) {
          await requirePendingReview(requestId);
          if (!outcome) throw new HttpError(400, 'outcome_required', 'Say what was done: the reply to the requester quotes it.');
          await repo.update(requestId, { outcome: { text: outcome, decidedBy: actor, decidedAt: new Date().toISOString() } });
        }
        await decideStep(repo, { requestId, stepKey: 'review', decision: 'approved', actor, details: outcome ? { outcome } : undefined });
        break;
      }
      case 'cancel':
        await decideStep(repo, { requestId, stepKey: 'review', decision: 'cancelled', actor });
        break;
      case 'reject': {
        const body = parseBody(rejectBody, event);
        await requirePendingReview(requestId);
        await repo.update(requestId, {
          rejection: { reasonCode: body.reasonCode, facts: body.reason, decidedBy: actor, decidedAt: new Date().toISOString() },
        });
        await decideStep(repo, { requestId, stepKey: 'review', decision: 'rejected', actor });
        break;
      }
      case 'preview-rejection': {
        // Decides nothing: renders the refusal email the requester would get, for the console.
        const body = parseBody(rejectBody, event);
        const email = rejection({
          locale: request.locale,
          requestId,
          receivedAt: request.receivedAt,
          types: request.types,
          reasonCode: body.reasonCode,
          facts: body.reason,
          partial: false,
        });
        return { subject: email.subject, text: email.text };
      }
      case 'retry': {
        const body = parseBody(retryBody, event);
        const failed = (await repo.pendingSteps(requestId)).filter(
          (step) => step.step === 'store_failure' && (!body?.storeId || step.details?.storeId === body.storeId),
        );
        if (failed.length === 0) throw new HttpError(409, 'no_pending_step', 'No failed store is waiting for a retry.');
        for (const step of failed) await decideStep(repo, { requestId, stepKey: step.stepKey, decision: 'retry', actor });
        break;
      }
      case 'extend': {
        const body = parseBody(extendBody, event);
        const allowed = canExtend(request.deadlines.initial.legal, new Date(), Boolean(request.extension));
        if (!allowed.ok) throw new HttpError(409, allowed.code, allowed.message);
        const extendedAt = new Date().toISOString();
        await repo.update(requestId, { extension: { reason: body.reason, extendedBy: actor, extendedAt } });
        await repo.audit(requestId, {
          type: 'extended',
          actor,
          details: { reason: body.reason, deadlines: request.deadlines.extended },
        });
        await sendOnce(repo, {
          requestId,
          kind: 'extension_notice',
          from: senderEmail,
          to: request.contactEmail,
          email: extensionNotice({
            locale: request.locale,
            requestId,
            reason: body.reason,
            extendedDeadline: request.deadlines.extended.legal,
          }),
        });
        await repo.update(requestId, {
          extension: { reason: body.reason, extendedBy: actor, extendedAt, subjectNotifiedAt: new Date().toISOString() },
        });
        break;
      }
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
    if (event.httpMethod === 'POST' && id && action) return json(200, await act(event, id, action, actor));
    throw new HttpError(404, 'not_found', 'No such admin route.');
  });
}

export const handler = lambdaEntry(createHandler);
