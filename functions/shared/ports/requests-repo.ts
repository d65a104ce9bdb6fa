import type { DsrRequestRecord, PendingStepName, RequestStatus, RestrictionStatus } from '../../core/request/model.js';

/**
 * The requests table as the use cases see it: every read and write of a request, its
 * audit trail, its waiting steps and its once-only emails. Two implementations keep the
 * same semantics: `DynamoRequestsRepo` (functions/shared/requests-repo.ts) on the table,
 * and `InMemoryRequestsRepo` (functions/shared/in-memory-requests-repo.ts) for unit tests
 * of the use cases. This file imports no AWS SDK, so use cases and tests can depend on it.
 */
export interface RequestsRepo {
  /** Stores a new request; false when one with this id already exists. */
  create(request: DsrRequestRecord): Promise<boolean>;
  /** The request, if stored; `consistent` reads a write that may have happened just now. */
  find(requestId: string, consistent?: boolean): Promise<DsrRequestRecord | undefined>;
  /** The request (`consistent`: as `find`); RequestNotFoundError when there is none. */
  get(requestId: string, consistent?: boolean): Promise<DsrRequestRecord>;
  /**
   * Applies changes to the request (and removes attributes), keeping its index keys in
   * step; RequestNotFoundError when there is none. Returns the request as written.
   */
  update(requestId: string, changes: Partial<DsrRequestRecord>, removes?: (keyof DsrRequestRecord)[]): Promise<DsrRequestRecord>;
  /**
   * `update`, but only while `guard` is absent from the request, as one atomic write: a
   * decision recorded once (an extension, a triage) however many calls race for it.
   * Returns undefined, changing nothing, when `guard` was already set.
   */
  updateUnlessSet(
    requestId: string,
    guard: keyof DsrRequestRecord,
    changes: Partial<DsrRequestRecord>,
  ): Promise<DsrRequestRecord | undefined>;
  setStatus(requestId: string, status: RequestStatus, extra?: Partial<DsrRequestRecord>): Promise<DsrRequestRecord>;

  /** Appends an audit event; events are never overwritten. */
  audit(requestId: string, event: Omit<AuditEvent, 'at'> & { at?: string }): Promise<void>;
  /**
   * Records an event that happens once per request under a key of its own (its time and
   * `once`), in one conditional write: false when it is on record already.
   */
  recordOnce(requestId: string, event: AuditEvent, once: string): Promise<boolean>;
  /** The audit events, oldest first. */
  auditTrail(requestId: string): Promise<AuditEvent[]>;

  /**
   * Opens a step for a decision, or opens it again (a retried step), unless it was decided
   * already (a decision that came before the step's retry): returns the step as stored.
   */
  openStep(step: PendingStep): Promise<PendingStep>;
  findStep(requestId: string, stepKey: string): Promise<PendingStep | undefined>;
  /** Every step of the request, waiting or decided, by key. */
  steps(requestId: string): Promise<PendingStep[]>;
  /** The steps still waiting for a decision. */
  pendingSteps(requestId: string): Promise<PendingStep[]>;
  /**
   * Marks a pending step decided, exactly once: a second decision of the same step (a
   * double click, two people at once), or of a step that does not exist, gets undefined.
   */
  resolveStep(requestId: string, stepKey: string, decision: string, resolvedBy: string): Promise<PendingStep | undefined>;

  /**
   * Claims the right to send one kind of email: `claimed` (send it now), `sent` (it went
   * out before) or `held` (another claim's lease of `leaseMs` still runs).
   */
  claimMail(requestId: string, kind: string, leaseMs: number): Promise<MailClaim>;
  /**
   * Marks a claimed email as accepted by the mail provider: no retry sends it again.
   * `messageId` is the provider's id of the email (SES's MessageId), by which a reply's
   * In-Reply-To or References finds the request (`requestOfSentMail`).
   */
  markMailSent(requestId: string, kind: string, messageId?: string): Promise<void>;
  /** The request the first of these sent emails (by the provider's message id) went out for. */
  requestOfSentMail(messageIds: readonly string[]): Promise<string | undefined>;
  /** Gives a claim back after a failed send, so a retry may send. */
  releaseMail(requestId: string, kind: string): Promise<void>;
  /** The kinds of email that went out (a claim still sending has not). */
  sentMails(requestId: string): Promise<string[]>;

  /** The requests of this request's address received before it, newest first. */
  earlierRequestsOf(
    request: Pick<DsrRequestRecord, 'contactEmail' | 'receivedAt' | 'requestId'>,
  ): Promise<Array<Pick<DsrRequestRecord, 'requestId' | 'subject'>>>;
  /** The requests whose restriction (Art. 18) has this status, oldest first. */
  restrictions(status: RestrictionStatus): Promise<DsrRequestRecord[]>;
  /** Open or closed requests by due date, `limit` at most; the cursor goes on where a page ended. */
  list(open: boolean, limit?: number, cursor?: string): Promise<RequestsPage>;
}

export type MailClaim = 'claimed' | 'sent' | 'held';

export interface RequestsPage {
  items: DsrRequestRecord[];
  /** Where the next page starts; absent after the last (a `listCursor`, functions/shared/list-cursor.ts). */
  cursor?: string;
}

export class RequestNotFoundError extends Error {
  override name = 'RequestNotFoundError';
}

/** An audit event: who did what and when. Append-only; never carries personal data. */
export interface AuditEvent {
  type: string;
  actor: string;
  at: string;
  details?: Record<string, unknown>;
}

export interface PendingStep {
  requestId: string;
  step: PendingStepName;
  /** Distinguishes several steps of one kind (e.g. one per failed store). */
  stepKey: string;
  status: 'pending' | 'resolved';
  taskToken?: string;
  createdAt: string;
  details?: Record<string, unknown>;
  resolvedAt?: string;
  resolvedBy?: string;
  decision?: string;
}
