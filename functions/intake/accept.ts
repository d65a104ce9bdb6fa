import { computeDeadlines } from '../core/deadlines/index.js';
import { repeatOf, requestIdOf } from '../core/intake/idempotency.js';
import type { IntakeAccepted } from '../core/intake/responses.js';
import type { DsrRequestRecord, OpenStatus } from '../core/request/model.js';
import { RECEIVED_ONCE, receivedEvent } from '../core/request/received.js';
import type { RequestsRepo } from '../shared/ports/requests-repo.js';
import { DynamoRequestsRepo } from '../shared/requests-repo.js';
import { startOnce, startWatch, type WatchStartConfig } from '../shared/start-once.js';
import { PersonLedger, personKey, type PersonAdmissions, type PersonLimit } from './person.js';

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

/** What a requester states in a request filed in fields: the webhook's body, the team's filing. */
export type StatedRequest = Pick<RequestDraft, 'types' | 'locale' | 'channel' | 'receivedAt' | 'name' | 'details' | 'accountId'>;

/**
 * The draft of a request stated in fields. It takes only the request's own facts, so that
 * whatever else the body carries (the reply address, a team note) is stored only where
 * the intake puts it.
 */
export function statedDraft({ types, locale, channel, receivedAt, name, details, accountId }: StatedRequest): RequestDraft {
  return { types, locale, channel, receivedAt, name, details, accountId };
}

export interface NewDelivery {
  /** Repeats of one delivery (retries, the same Message-ID) carry the same key. */
  deliveryKey: string;
  /** What was delivered, hashed: the same key with other content is told apart. */
  fingerprint: string;
  /** The reply address, normalized (lower-cased, trimmed). */
  contactEmail: string;
  draft: RequestDraft;
  /** Extra facts for the `received` audit event (codes and flags only), kept on the request for the workflow. */
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

/** What runs a filed request: its workflow, or for a request held for the team its deadline watch alone. */
export interface RequestStarts {
  workflow(requestId: string): Promise<void>;
  watch(request: DsrRequestRecord): Promise<void>;
}

/** What the intake reads and writes, as interfaces: the tables and state machines, or memory in tests. */
export interface IntakePorts {
  /** The request's conditional create (also the idempotency claim), reads, and its audit events. */
  requests: Pick<RequestsRepo, 'create' | 'find' | 'audit' | 'recordOnce'>;
  /** Each address's limit and which open request holds each of its rights. */
  people: PersonAdmissions;
  starts: RequestStarts;
  /** The secret request ids are derived with (functions/core/intake/idempotency.ts). */
  requestIdKey: () => Promise<string>;
}

/**
 * The request as stored. One whose every right an open request of the address already
 * holds repeats it: it is stored closed, as a `duplicate` linked to the first of them, and
 * that request's reply answers it.
 */
export function intakeRecord(requestId: string, delivery: NewDelivery, repeats: string[], now = new Date().toISOString()): DsrRequestRecord {
  const { draft } = delivery;
  const deadlines = computeDeadlines(draft.receivedAt ?? now);
  const duplicate = repeats.length > 0;
  return {
    ...draft,
    requestId,
    status: duplicate ? 'duplicate' : (draft.status ?? 'awaiting_identity'),
    receivedAt: deadlines.receivedAt,
    receiptDate: deadlines.receiptDate,
    deadlines: { initial: deadlines.initial, extended: deadlines.extended },
    contactEmail: delivery.contactEmail,
    receivedDetails: delivery.auditDetails ?? {},
    deliveryFingerprint: delivery.fingerprint,
    duplicateOf: repeats[0],
    createdAt: now,
    updatedAt: now,
    closedAt: duplicate ? now : undefined,
  };
}

/**
 * The intake use case every channel calls (the signed webhook, the privacy mailbox, the
 * team's own filings). A new request costs three calls: the person's admission (limit and
 * rights), the request's conditional create (which is also the idempotency claim: its id
 * is derived from the delivery key), and the start. The workflow's first step records the
 * `received` audit event from the stored request and starts the deadline watch; for a
 * request that runs no workflow (a duplicate, one held for the team) the intake records it.
 */
export function intakeUseCase({ requests, people, starts, requestIdKey }: IntakePorts) {
  async function recordReceipt(record: DsrRequestRecord, repeats: string[]) {
    await requests.recordOnce(record.requestId, receivedEvent(record), RECEIVED_ONCE);
    for (const openId of repeats) {
      await requests.audit(record.requestId, { type: 'duplicate_of', actor: 'intake', details: { requestId: openId } });
      await requests.audit(openId, { type: 'duplicate_received', actor: 'intake', details: { requestId: record.requestId } });
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
      const stored = await requests.find(requestId, true);
      return stored ? { stored, repeat: repeatOf(stored, delivery.fingerprint) } : { retryAfter: admission.retryAfter };
    }
    const record = intakeRecord(requestId, delivery, admission.repeats);
    if (await requests.create(record)) return { created: record, repeats: admission.repeats };
    // The id was taken: by this same delivery (a retry, or a concurrent copy that stored
    // first), or by an earlier use of its key. Only the same delivery keeps what it wrote.
    const stored = (await requests.find(requestId, true))!;
    const repeat = repeatOf(stored, delivery.fingerprint);
    if (repeat !== 'same_delivery') await people.withdraw(person, requestId, admission.changes);
    return { stored, repeat };
  }

  return async function accept(delivery: NewDelivery): Promise<IntakeOutcome> {
    const key = await requestIdKey();
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
    // A duplicate runs no workflow: the open request's reply answers the person once. A
    // repeated delivery starts again what a failure may have left unstarted (starts are once only).
    if (request.duplicateOf) {
      if (repeats) await recordReceipt(request, repeats);
    } else if (delivery.startWorkflow === false || request.mail?.held) {
      // Held for the team as stored, whatever another copy of the delivery would have been.
      await Promise.all([recordReceipt(request, []), starts.watch(request)]);
    } else {
      await starts.workflow(request.requestId);
    }
    return { accepted: true, request };
  };
}

/**
 * The intake on the requests table and the state machines, as each channel's handler
 * calls it. `watch` only for channels that may hold a request for the team.
 */
export function requestIntake(env: { table: string; stateMachineArn: string; watch?: WatchStartConfig; requestIdKey: () => Promise<string> }) {
  const repo = new DynamoRequestsRepo(env.table);
  return intakeUseCase({
    requests: repo,
    people: new PersonLedger(env.table, repo, PER_PERSON_LIMIT),
    starts: {
      async workflow(requestId) {
        await startOnce(env.stateMachineArn, requestId);
      },
      async watch(request) {
        if (!env.watch) throw new Error('This intake channel starts no deadline watch');
        await startWatch(env.watch, request);
      },
    },
    requestIdKey: env.requestIdKey,
  });
}
