import { createHash } from 'node:crypto';
import type { RestrictionStatus } from './model.js';

/** The person a request is about, as a table key: the normalized address, hashed. */
export function personKey(email: string): string {
  return createHash('sha256').update(`person:${email}`).digest('hex');
}

/**
 * Key layout of the requests table (single-table design). Every item of a request shares
 * its partition, so the detail view and the audit trail are one Query.
 */
export const requestKeys = {
  pk: (requestId: string) => `REQ#${requestId}`,
  /** The request id of a partition key. */
  requestIdOf: (pk: string) => pk.slice('REQ#'.length),
  meta: 'META',
  /** Append-only audit events, ordered by time. */
  event: (at: string, seq: string) => `EVT#${at}#${seq}`,
  eventPrefix: 'EVT#',
  /** A step waiting for a person, with the task token that resumes it. */
  step: (name: string) => `STEP#${name}`,
  /** A mail to the privacy address that answers the request, by its SES message id. */
  message: (mailId: string) => `MSG#${mailId}`,
  messagePrefix: 'MSG#',
  /** Marker that makes each email kind go out once per request. */
  mail: (kind: string) => `MAIL#${kind}`,
  /** Per-store progress, one item per connector invocation (idempotent on retry). */
  storePart: (storeId: string, action: string, part: number) =>
    `STORE#${storeId}#${action}#${String(part).padStart(6, '0')}`,
  storePrefix: (storeId?: string, action?: string) =>
    storeId ? `STORE#${storeId}#${action ? `${action}#` : ''}` : 'STORE#',
};

/**
 * The sent-mail index: each email the system sent, by the message id SES gave it (sparse:
 * only a `MAIL#` marker of an accepted email carries it). A reply names that id in its
 * In-Reply-To or References header, and finds its request by the marker's partition.
 */
export const sentMailIndex = {
  name: 'bySentMessage',
  partition: (messageId: string) => `SENT#${messageId}`,
};

/**
 * Mail to the privacy address that the intake did not file (over its rate limit), one item
 * per SES message id, kept until the privacy team clears it. Ids and times only.
 */
export const unfiledMailKeys = {
  pk: 'UNFILED_MAIL',
  sk: (mailId: string) => `MAIL#${mailId}`,
};

/** The list index: open/closed partitions sorted by the legal due date. */
export const listIndex = {
  name: 'byDueDate',
  partition: (open: boolean) => (open ? 'OPEN' : 'CLOSED'),
  sort: (dueDate: string, requestId: string) => `${dueDate}#${requestId}`,
};

/**
 * The retention index: closed requests by closure time, for the daily purge of records
 * past retention. Sparse: only a closed request item with `closedAt` carries its keys.
 * (The list index keeps closed requests by due date for the console's closed queue; a
 * closure can come long after the due date, so that order cannot bound the purge.)
 */
export const closedIndex = {
  name: 'byClosedAt',
  partition: 'CLOSED',
  sort: (closedAt: string, requestId: string) => `${closedAt}#${requestId}`,
};

/**
 * The person index: every request of one address (hashed), by receipt. ResolveSubject
 * finds the earlier requests of the requester with it: their records are data held about
 * them, and their account ids find what an erasure kept (invoices). Projects `subject`.
 */
export const personIndex = {
  name: 'byPerson',
  partition: (contactEmail: string) => `PERSON#${personKey(contactEmail)}`,
  sort: (receivedAt: string, requestId: string) => `${receivedAt}#${requestId}`,
};

/**
 * The restriction index: requests whose approved restriction is in place, being lifted or lifted,
 * by status and since when (`GET /admin/restrictions`). Sparse: only those items carry it.
 */
export const restrictionIndex = {
  name: 'byRestriction',
  partition: (status: RestrictionStatus) => `RESTRICTION#${status}`,
  sort: (since: string, requestId: string) => `${since}#${requestId}`,
};
