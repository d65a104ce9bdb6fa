import { teamFilingSchema } from '../core/intake/team-filing.js';
import { readEnvironment } from '../shared/contract.js';
import { HttpError } from '../shared/http/errors.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { isRequestId } from '../shared/tokens.js';
import { DynamoUnfiledMail } from '../shared/unfiled-mail.js';
import { requestIntake } from '../intake/accept.js';
import { requestIdKey } from '../intake/secrets.js';
import { actionNamed } from './actions.js';
import type { QueuePage } from './api-types.js';
import { attachmentLink } from './attachments.js';
import { awsPorts } from './adapters.js';
import { parseBody } from './body.js';
import { adminCaller } from './caller.js';
import { adminContract } from './contract.js';
import { requestDetail, requestNotFound } from './detail.js';
import { fileRequest, idempotencyKeyOf } from './filing.js';
import { parseQueueQuery, queuePage } from './queue.js';
import { liftBody, liftRestriction, listRestrictions } from './restrictions.js';
import { clearBody, clearUnfiledMail } from './unfiled-mail.js';

const unknownAction = (action: string) => new HttpError(404, 'unknown_action', `Unknown action "${action.slice(0, 40)}".`);

/** The admin API: the privacy team's queue, request detail and decisions. */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(adminContract, env);
  const ports = awsPorts(config);
  const { repo } = ports;
  const unfiled = new DynamoUnfiledMail(config.REQUESTS_TABLE);
  const accept = requestIntake({
    table: config.REQUESTS_TABLE,
    stateMachineArn: config.STATE_MACHINE_ARN,
    watch: config,
    requestIdKey: () => requestIdKey(config),
  });

  return httpHandler('admin', async (event) => {
    const actor = await adminCaller(event, config);
    const { id, action, mailId, part } = event.pathParameters ?? {};
    if (event.resource.endsWith('/attachments/{part}')) {
      return json(200, await attachmentLink(ports, { requestId: id ?? '', mailId: mailId ?? '', part: part ?? '' }, actor));
    }
    if (event.resource.startsWith('/admin/unfiled-mail')) {
      return json(200, await clearUnfiledMail(unfiled, mailId ?? '', parseBody(clearBody, event), actor));
    }
    // An id no request can have, or an action no route has the shape of, is answered
    // without a lookup (DynamoDB refuses keys over 2 KB).
    if (id !== undefined && !isRequestId(id)) throw requestNotFound();
    if (action !== undefined && !/^[a-z][a-z-]{0,39}$/.test(action)) throw unknownAction(action);
    if (event.resource.startsWith('/admin/restrictions')) {
      if (event.httpMethod === 'GET' && !id) return json(200, await listRestrictions(ports));
      if (event.httpMethod === 'POST' && id) {
        const request = await repo.find(id);
        if (!request) throw requestNotFound();
        // Accepted: the release runs on, a page at a time, until the restriction is lifted.
        return json(202, await liftRestriction(ports, request, parseBody(liftBody, event), actor));
      }
    }
    if (event.httpMethod === 'GET' && !id) {
      const filters = parseQueueQuery(event.queryStringParameters ?? {});
      const [page, unfiledMail] = await Promise.all([queuePage((open, limit, cursor) => repo.list(open, limit, cursor), filters), unfiled.list()]);
      return json(200, { ...page, unfiledMail } satisfies QueuePage);
    }
    if (event.httpMethod === 'GET' && id) return json(200, await requestDetail(ports, id));
    if (event.httpMethod === 'POST' && !id) {
      return json(201, await fileRequest(accept, parseBody(teamFilingSchema, event), actor, idempotencyKeyOf(event)));
    }
    if (event.httpMethod === 'POST' && id && action) {
      const request = await repo.find(id);
      if (!request) throw requestNotFound();
      const run = actionNamed(action);
      if (!run) throw unknownAction(action);
      return json(200, (await run(ports, { request, event, actor })) ?? (await requestDetail(ports, id)));
    }
    throw new HttpError(404, 'not_found', 'No such admin route.');
  });
}

export const handler = lambdaEntry(createHandler);
