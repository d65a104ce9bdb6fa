import { StartExecutionCommand, ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { computeDeadlines } from '../core/deadlines/index.js';
import type { IntakeAccepted } from '../core/intake/responses.js';
import type { DsrRequestRecord, OpenStatus } from '../core/request/model.js';
import { sfnClient } from '../shared/aws-clients.js';
import { limitKey, RateLimiter, type Limit } from '../shared/rate-limit.js';
import { RequestsRepo } from '../shared/requests-repo.js';
import { DeliveryIds } from './idempotency.js';
import { OpenRequests, personKey } from './open-requests.js';

/**
 * New requests per requester address and hour. Generous for people; it caps how many
 * acknowledgements a stranger can make Kiara send to someone else's inbox.
 */
export const PER_PERSON_LIMIT: Limit = { scope: 'intake-person', max: 10, windowSeconds: 3600 };

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
  /** The reply address, normalized (lower-cased, trimmed). */
  contactEmail: string;
  draft: RequestDraft;
  /** Extra facts for the `received` audit event (codes and flags only). */
  auditDetails?: Record<string, unknown>;
  /** Start the DSR workflow now. Default true; false leaves the request for the team. */
  startWorkflow?: boolean;
}

export type IntakeOutcome =
  | { accepted: true; request: DsrRequestRecord }
  | { accepted: false; retryAfter: number };

/** What the intake answers about a request on record (the webhook's 202, the team's 201). */
export function acceptedView(request: DsrRequestRecord): IntakeAccepted {
  return {
    requestId: request.requestId,
    receivedAt: request.receivedAt,
    receiptDate: request.receiptDate,
    deadline: request.deadlines.initial.legal,
  };
}

async function startOnce(stateMachineArn: string, name: string, input: object) {
  try {
    await sfnClient().send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

/**
 * The intake use case every channel calls (the signed webhook, the privacy mailbox):
 * one request per delivery, the per-address limit, the duplicate check, then the
 * workflow and the deadline watch, both named by the request id.
 */
export function requestIntake(env: { table: string; stateMachineArn: string; watchArn: string }) {
  const repo = new RequestsRepo(env.table);
  const deliveries = new DeliveryIds(env.table);
  const openRequests = new OpenRequests(env.table, repo);
  const limiter = new RateLimiter(env.table);

  /** Stores the request once; one that repeats open requests is stored closed and linked. */
  async function store(requestId: string, delivery: NewDelivery): Promise<DsrRequestRecord> {
    const { draft, contactEmail } = delivery;
    const now = new Date().toISOString();
    const deadlines = computeDeadlines(draft.receivedAt ?? now);
    const repeats = await openRequests.claim(personKey(contactEmail), draft.types, requestId);
    const record: DsrRequestRecord = {
      ...draft,
      requestId,
      status: repeats.length > 0 ? 'duplicate' : (draft.status ?? 'awaiting_identity'),
      receivedAt: deadlines.receivedAt,
      receiptDate: deadlines.receiptDate,
      deadlines: { initial: deadlines.initial, extended: deadlines.extended },
      contactEmail,
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
      details: { types: draft.types, receiptDate: record.receiptDate, deadlines: record.deadlines, ...delivery.auditDetails },
    });
    for (const openId of repeats) {
      await repo.audit(requestId, { type: 'duplicate_of', actor: 'intake', details: { requestId: openId } });
      await repo.audit(openId, { type: 'duplicate_received', actor: 'intake', details: { requestId } });
    }
    return record;
  }

  return async function accept(delivery: NewDelivery): Promise<IntakeOutcome> {
    const { requestId, fresh } = await deliveries.claim(delivery.deliveryKey);
    // A freshly claimed id has nothing stored yet; a repeat answers with what the first stored.
    let request = fresh ? undefined : await repo.find(requestId);
    if (!request) {
      // Only a new delivery counts against the requester's limit; its retries never do.
      const limit = fresh ? await limiter.hit(PER_PERSON_LIMIT, limitKey(delivery.contactEmail)) : undefined;
      if (limit && !limit.allowed) {
        await deliveries.release(delivery.deliveryKey, requestId);
        return { accepted: false, retryAfter: limit.retryAfter };
      }
      request = await store(requestId, delivery);
    }
    // A duplicate runs no workflow: the open request's reply answers the person once.
    // Both executions are named by the request id: a repeat delivery cannot start a second.
    if (!request.duplicateOf) {
      await Promise.all([
        delivery.startWorkflow === false ? undefined : startOnce(env.stateMachineArn, requestId, { requestId }),
        startOnce(env.watchArn, requestId, { requestId, after: null }),
      ]);
    }
    return { accepted: true, request };
  };
}
