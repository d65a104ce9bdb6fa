import { computeDeadlines } from '../core/deadlines/index.js';
import { repeatOf, requestIdOf } from '../core/intake/idempotency.js';
import type { IntakeAccepted } from '../core/intake/responses.js';
import type { DsrRequestRecord, OpenStatus } from '../core/request/model.js';
import { DynamoRequestsRepo } from '../shared/requests-repo.js';
import { startOnce } from '../shared/start-once.js';
import { PersonLedger, personKey, type PersonLimit } from './person.js';

/**
 * New requests per requester address and hour. Generous for people; it caps how many
 * acknowledgements a stranger can make Kiara send to someone else's inbox.
 */
export const PER_PERSON_LIMIT: PersonLimit = { max: 10, windowSeconds: 3600 };

/** What a channel knows of a new request; the rest (id, deadlines, status) is the intake's. */
export type RequestDraft = Pick<DsrRequestRecord, 'types' | 'locale' | 'channel'> &
  Partial<Pick<DsrRequestRecord, 'name' | 'details' | 'accountId' | 'mail' | 'pendingStep' | 'filing'>> & {
    /** The original receipt; default now. The deadlines count from it. */
    receivedAt?: string;
    /** Where the request starts. Default `awaiting_identity` (the workflow's first wait). */
    status?: OpenStatus;
  };

export interface NewDelivery {
  /** Repeats of one delivery (retries, the same Message-ID) carry the same key. */
  deliveryKey: string;
  /** What was delivered, hashed: the same key with other content is told apart. */
  fingerprint: string;
  /** The reply address, normalized (lower-cased, trimmed). */
  contactEmail: string;
  draft: RequestDraft;
  /** Extra facts for the `received` audit event (codes and flags only). */
  auditDetails?: Record<string, unknown>;
  /**
   * Start the DSR workflow now. Default true. False leaves the request for the team; its
   * deadline watch starts here instead of in the workflow's Acknowledge.
   */
  startWorkflow?: boolean;
}

export type IntakeOutcome =
  | { accepted: true; request: DsrRequestRecord }
  | { accepted: false; retryAfter: number }
  | { accepted: false; keyReused: true };

/** What the intake answers about a request on record (the webhook's 202, the team's 201). */
export function acceptedView(request: DsrRequestRecord): IntakeAccepted {
  return {
    requestId: request.requestId,
    receivedAt: request.receivedAt,
    receiptDate: request.receiptDate,
    deadline: request.deadlines.initial.legal,
  };
}

/**
 * The intake use case every channel calls (the signed webhook, the privacy mailbox, the
 * team's own filings). A new request costs four AWS calls: the person's item (limit and
 * rights, one update), the request's conditional put (which is also the idempotency claim:
 * its id is derived from the delivery key), then at once the `received` audit event and the
 * workflow's StartExecution. The workflow's first step starts the deadline watch.
 */
export function requestIntake(env: {
  table: string;
  stateMachineArn: string;
  /** The deadline watch, for channels that may hold a request for the team (startWorkflow false). */
  watchArn?: string;
  requestIdKey: () => Promise<string>;
}) {
  const repo = new DynamoRequestsRepo(env.table);
  const people = new PersonLedger(env.table, repo, PER_PERSON_LIMIT);

  /** The request as stored; one that repeats open requests is stored closed and linked. */
  function recordOf(requestId: string, delivery: NewDelivery, repeats: string[]): DsrRequestRecord {
    const { draft } = delivery;
    const now = new Date().toISOString();
    const deadlines = computeDeadlines(draft.receivedAt ?? now);
    return {
      ...draft,
      requestId,
      status: repeats.length > 0 ? 'duplicate' : (draft.status ?? 'awaiting_identity'),
      receivedAt: deadlines.receivedAt,
      receiptDate: deadlines.receiptDate,
      deadlines: { initial: deadlines.initial, extended: deadlines.extended },
      contactEmail: delivery.contactEmail,
      deliveryFingerprint: delivery.fingerprint,
      duplicateOf: repeats[0],
      createdAt: now,
      updatedAt: now,
      closedAt: repeats.length > 0 ? now : undefined,
    };
  }

  async function recordReceipt(record: DsrRequestRecord, delivery: NewDelivery, repeats: string[]) {
    await repo.audit(record.requestId, {
      type: 'received',
      actor: `channel:${record.channel}`,
      details: { types: record.types, receiptDate: record.receiptDate, deadlines: record.deadlines, ...delivery.auditDetails },
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
  async function file(requestId: string, delivery: NewDelivery) {
    const person = personKey(delivery.contactEmail);
    const admission = await people.admit(person, delivery.draft.types, requestId);
    if (!admission.allowed) {
      // Nothing was written. A retry of a delivery stored in an earlier window still gets its answer.
      const stored = await repo.find(requestId, true);
      return stored ? { stored, repeat: repeatOf(stored, delivery.fingerprint) } : { retryAfter: admission.retryAfter };
    }
    const record = recordOf(requestId, delivery, admission.repeats);
    if (await repo.create(record)) return { created: record, repeats: admission.repeats };
    // The id was taken: by this same delivery (a retry, or a concurrent copy that stored
    // first), or by an earlier use of its key. Only the same delivery keeps what it wrote.
    const stored = (await repo.find(requestId, true))!;
    const repeat = repeatOf(stored, delivery.fingerprint);
    if (repeat !== 'same_delivery') await people.withdraw(person, requestId, admission.changes);
    return { stored, repeat };
  }

  return async function accept(delivery: NewDelivery): Promise<IntakeOutcome> {
    const key = await env.requestIdKey();
    let request: DsrRequestRecord | undefined;
    /** Set when this delivery stored the request: the open requests it repeats. */
    let repeats: string[] | undefined;
    for (let generation = 0; !request; generation++) {
      const filed = await file(requestIdOf(key, delivery.deliveryKey, generation), delivery);
      if ('retryAfter' in filed) return { accepted: false, retryAfter: filed.retryAfter! };
      if ('created' in filed) {
        [request, repeats] = [filed.created, filed.repeats];
        continue;
      }
      if (filed.repeat === 'key_reused') return { accepted: false, keyReused: true };
      // A key used more than a day ago makes a new request under its next id.
      if (filed.repeat === 'same_delivery') request = filed.stored;
    }
    // A duplicate runs no workflow: the open request's reply answers the person once. The
    // receipt's audit events and the start do not depend on each other.
    const start = () => {
      if (delivery.startWorkflow !== false) return startOnce(env.stateMachineArn, request.requestId);
      if (!env.watchArn) throw new Error('This intake channel starts no deadline watch');
      return startOnce(env.watchArn, request.requestId, { requestId: request.requestId, after: null });
    };
    await Promise.all([repeats && recordReceipt(request, delivery, repeats), request.duplicateOf ? undefined : start()]);
    return { accepted: true, request };
  };
}
