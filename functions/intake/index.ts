import { StartExecutionCommand, ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { computeDeadlines } from '../core/deadlines/index.js';
import type { IntakeAccepted } from '../core/intake/responses.js';
import { requestedTypes, type IntakeBody } from '../core/intake/schema.js';
import { normalizeEmail } from '../core/inventory/email.js';
import type { DsrRequestRecord } from '../core/request/model.js';
import { sfnClient } from '../shared/aws-clients.js';
import { requireEnv } from '../shared/env.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { logger } from '../shared/logger.js';
import { limitKey, RateLimiter, type Limit } from '../shared/rate-limit.js';
import { RequestsRepo } from '../shared/requests-repo.js';
import { parseDelivery } from './delivery.js';
import { DeliveryIds } from './idempotency.js';
import { OpenRequests, personKey } from './open-requests.js';

/**
 * New requests per requester address and hour. Generous for people; it caps how many
 * acknowledgements a stranger can make Kiara send to someone else's inbox.
 */
export const PER_PERSON_LIMIT: Limit = { scope: 'intake-person', max: 10, windowSeconds: 3600 };

async function startOnce(stateMachineArn: string, name: string, input: object) {
  try {
    await sfnClient().send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

export function createHandler(env: Record<string, string>) {
  const table = requireEnv(env, 'REQUESTS_TABLE');
  const stateMachineArn = requireEnv(env, 'STATE_MACHINE_ARN');
  const watchArn = requireEnv(env, 'WATCH_STATE_MACHINE_ARN');
  const repo = new RequestsRepo(table);
  const deliveries = new DeliveryIds(table);
  const openRequests = new OpenRequests(table, repo);
  const limiter = new RateLimiter(table);

  /** Stores the request once; one that repeats open requests is stored closed and linked. */
  async function store(requestId: string, body: IntakeBody, contactEmail: string): Promise<DsrRequestRecord> {
    const now = new Date().toISOString();
    // A request support forwards counts from its original receipt (validated by the schema).
    const deadlines = computeDeadlines(body.receivedAt ?? now);
    const types = requestedTypes(body);
    const repeats = await openRequests.claim(personKey(contactEmail), types, requestId);
    const record: DsrRequestRecord = {
      requestId,
      types,
      status: repeats.length > 0 ? 'duplicate' : 'awaiting_identity',
      locale: body.locale,
      channel: body.channel,
      receivedAt: deadlines.receivedAt,
      receiptDate: deadlines.receiptDate,
      deadlines: { initial: deadlines.initial, extended: deadlines.extended },
      contactEmail,
      name: body.name,
      details: body.details,
      accountId: body.accountId,
      duplicateOf: repeats[0],
      createdAt: now,
      updatedAt: now,
      closedAt: repeats.length > 0 ? now : undefined,
    };
    // A concurrent delivery of the same key may have stored it first: answer with that one.
    if (!(await repo.create(record))) return repo.get(requestId);
    await repo.audit(requestId, {
      type: 'received',
      actor: `channel:${record.channel}`,
      details: {
        types,
        receiptDate: record.receiptDate,
        deadlines: record.deadlines,
        forwarded: body.receivedAt !== undefined,
        dashboardSession: body.accountId !== undefined,
      },
    });
    for (const openId of repeats) {
      await repo.audit(requestId, { type: 'duplicate_of', actor: 'intake', details: { requestId: openId } });
      await repo.audit(openId, { type: 'duplicate_received', actor: 'intake', details: { requestId } });
    }
    return record;
  }

  return httpHandler('intake', async (event) => {
    const { body, raw, idempotencyKey } = await parseDelivery(event, env);
    const deliveryKey = idempotencyKey ? `key:${idempotencyKey}` : `body:${raw}`;
    const contactEmail = normalizeEmail(body.email);
    const { requestId, fresh } = await deliveries.claim(deliveryKey);
    // A freshly claimed id has nothing stored yet; a repeat answers with what the first stored.
    let request = fresh ? undefined : await repo.find(requestId);
    if (!request) {
      // Only a new delivery counts against the requester's limit; its retries never do.
      const limit = fresh ? await limiter.hit(PER_PERSON_LIMIT, limitKey(contactEmail)) : undefined;
      if (limit && !limit.allowed) {
        await deliveries.release(deliveryKey, requestId);
        return json(
          429,
          { error: { code: 'rate_limited', message: 'Too many requests for this address; try again later.' } },
          { 'retry-after': String(limit.retryAfter) },
        );
      }
      request = await store(requestId, body, contactEmail);
    }
    // A duplicate runs no workflow: the open request's reply answers the person once.
    // Both executions are named by the request id: a repeat delivery cannot start a second.
    if (!request.duplicateOf) {
      await Promise.all([
        startOnce(stateMachineArn, requestId, { requestId }),
        startOnce(watchArn, requestId, { requestId, after: null }),
      ]);
    }
    logger.info('request accepted', { requestId, types: request.types, duplicate: Boolean(request.duplicateOf) });
    const accepted: IntakeAccepted = {
      requestId,
      receivedAt: request.receivedAt,
      receiptDate: request.receiptDate,
      deadline: request.deadlines.initial.legal,
    };
    return json(202, accepted);
  });
}

export const handler = lambdaEntry(createHandler);
