import { computeDeadlines } from '../core/deadlines/index.js';
import { deliveryKeyOf, fingerprintOf, repeatOf, requestIdOf } from '../core/intake/idempotency.js';
import type { IntakeAccepted } from '../core/intake/responses.js';
import { requestedTypes, type IntakeBody } from '../core/intake/schema.js';
import { normalizeEmail } from '../core/inventory/email.js';
import type { DsrRequestRecord, RequestType } from '../core/request/model.js';
import { requireEnv } from '../shared/env.js';
import { HttpError } from '../shared/http/errors.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { logger } from '../shared/logger.js';
import { RequestsRepo } from '../shared/requests-repo.js';
import { startOnce } from '../shared/start-once.js';
import { parseDelivery } from './delivery.js';
import { PersonLedger, personKey, type PersonLimit } from './person.js';
import { requestIdKey } from './secrets.js';

/**
 * New requests per requester address and hour. Generous for people; it caps how many
 * acknowledgements a stranger can make Kiara send to someone else's inbox.
 */
export const PER_PERSON_LIMIT: PersonLimit = { max: 10, windowSeconds: 3600 };

/** A delivery as the intake files it. */
interface Filing {
  body: IntakeBody;
  types: RequestType[];
  contactEmail: string;
  person: string;
  fingerprint: string;
}

/**
 * A new request costs four AWS calls: the person's item (limit and rights, one update),
 * the request's conditional put (which is also the idempotency claim: its id is derived
 * from the delivery key), then at once the `received` audit event and the workflow's StartExecution.
 * The workflow's first step starts the deadline watch.
 */
export function createHandler(env: Record<string, string>) {
  const table = requireEnv(env, 'REQUESTS_TABLE');
  const stateMachineArn = requireEnv(env, 'STATE_MACHINE_ARN');
  const repo = new RequestsRepo(table);
  const people = new PersonLedger(table, repo, PER_PERSON_LIMIT);

  /** The request as stored; one that repeats open requests is stored closed and linked. */
  function recordOf(requestId: string, filing: Filing, repeats: string[]): DsrRequestRecord {
    const { body } = filing;
    const now = new Date().toISOString();
    // A request support forwards counts from its original receipt (validated by the schema).
    const deadlines = computeDeadlines(body.receivedAt ?? now);
    return {
      requestId,
      types: filing.types,
      status: repeats.length > 0 ? 'duplicate' : 'awaiting_identity',
      locale: body.locale,
      channel: body.channel,
      receivedAt: deadlines.receivedAt,
      receiptDate: deadlines.receiptDate,
      deadlines: { initial: deadlines.initial, extended: deadlines.extended },
      contactEmail: filing.contactEmail,
      name: body.name,
      details: body.details,
      accountId: body.accountId,
      deliveryFingerprint: filing.fingerprint,
      duplicateOf: repeats[0],
      createdAt: now,
      updatedAt: now,
      closedAt: repeats.length > 0 ? now : undefined,
    };
  }

  async function recordReceipt(record: DsrRequestRecord, body: IntakeBody, repeats: string[]) {
    await repo.audit(record.requestId, {
      type: 'received',
      actor: `channel:${record.channel}`,
      details: {
        types: record.types,
        receiptDate: record.receiptDate,
        deadlines: record.deadlines,
        forwarded: body.receivedAt !== undefined,
        dashboardSession: body.accountId !== undefined,
      },
    });
    for (const openId of repeats) {
      await repo.audit(record.requestId, { type: 'duplicate_of', actor: 'intake', details: { requestId: openId } });
      await repo.audit(openId, { type: 'duplicate_received', actor: 'intake', details: { requestId: record.requestId } });
    }
  }

  /**
   * Files the delivery under `requestId`: the new request, or the one this id already
   * names (with what it means for this delivery), or a refusal over the address's limit.
   */
  async function file(requestId: string, filing: Filing) {
    const admission = await people.admit(filing.person, filing.types, requestId);
    if (!admission.allowed) {
      // Nothing was written. A retry of a delivery stored in an earlier window still gets its answer.
      const stored = await repo.find(requestId, true);
      return stored ? { stored, repeat: repeatOf(stored, filing.fingerprint) } : { retryAfter: admission.retryAfter };
    }
    const record = recordOf(requestId, filing, admission.repeats);
    if (await repo.create(record)) return { created: record, repeats: admission.repeats };
    // The id was taken: by this same delivery (a retry, or a concurrent copy that stored
    // first), or by an earlier use of its key. Only the same delivery keeps what it wrote.
    const stored = (await repo.find(requestId, true))!;
    const repeat = repeatOf(stored, filing.fingerprint);
    if (repeat !== 'same_delivery') await people.withdraw(filing.person, requestId, admission.changes);
    return { stored, repeat };
  }

  return httpHandler('intake', async (event) => {
    const { body, raw, idempotencyKey } = await parseDelivery(event, env);
    const contactEmail = normalizeEmail(body.email);
    const filing: Filing = { body, types: requestedTypes(body), contactEmail, person: personKey(contactEmail), fingerprint: fingerprintOf(raw) };
    const deliveryKey = deliveryKeyOf(raw, idempotencyKey);
    const key = await requestIdKey(env);
    let request: DsrRequestRecord | undefined;
    /** Set when this delivery stored the request: the open requests it repeats. */
    let repeats: string[] | undefined;
    for (let generation = 0; !request; generation++) {
      const filed = await file(requestIdOf(key, deliveryKey, generation), filing);
      if ('retryAfter' in filed) {
        return json(
          429,
          { error: { code: 'rate_limited', message: 'Too many requests for this address; try again later.' } },
          { 'retry-after': String(filed.retryAfter) },
        );
      }
      if ('created' in filed) {
        [request, repeats] = [filed.created, filed.repeats];
        continue;
      }
      if (filed.repeat === 'key_reused') {
        throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with another body; send a new key for a new request.');
      }
      // A key used more than a day ago makes a new request under its next id.
      if (filed.repeat === 'same_delivery') request = filed.stored;
    }
    // A duplicate runs no workflow: the open request's reply answers the person once. The
    // receipt's audit events and the start do not depend on each other.
    await Promise.all([
      repeats && recordReceipt(request, body, repeats),
      request.duplicateOf ? undefined : startOnce(stateMachineArn, request.requestId),
    ]);
    logger.info('request accepted', { requestId: request.requestId, types: request.types, duplicate: Boolean(request.duplicateOf) });
    const accepted: IntakeAccepted = {
      requestId: request.requestId,
      receivedAt: request.receivedAt,
      receiptDate: request.receiptDate,
      deadline: request.deadlines.initial.legal,
    };
    return json(202, accepted);
  });
}

export const handler = lambdaEntry(createHandler);
