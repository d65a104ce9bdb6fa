import type { OfflineChannel } from '../intake/team-filing.js';
import type { Locale, Right } from '../inventory/types.js';
import type { AppliedCorrection } from '../inventory/rectification.js';
import type { MailAttachment } from '../mail/attachments.js';
import type { MailFlag, MailVerdicts } from '../mail/receipt.js';
import type { RightDecisions } from './decisions.js';
import type { EmailKind } from './email-kinds.js';

/** A request names one or more rights; the types of the intake API are the rights. */
export type RequestType = Right;

/** Where a request stands. Open statuses keep the deadline watch running. */
export const OPEN_STATUSES = [
  'awaiting_identity',
  /** Mail the privacy team reads first: the rights asked for, or a flag (spam, forged, unreadable). */
  'awaiting_triage',
  'resolving',
  'awaiting_review',
  'processing',
  'awaiting_store_retry',
  /** A workflow step failed for good (its retries spent, or an error no retry helps). */
  'awaiting_step_retry',
  'responding',
] as const;
export const CLOSED_STATUSES = [
  'completed',
  'completed_no_data',
  'rejected',
  'closed_unverified',
  'cancelled',
  /** Filed while an open request of the same person covered the same rights; that one answers. */
  'duplicate',
  /** Mail to the privacy address that was no rights request (spam, a support question). */
  'dismissed',
] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];
export type ClosedStatus = (typeof CLOSED_STATUSES)[number];
export type RequestStatus = OpenStatus | ClosedStatus;

export function isOpen(status: RequestStatus): status is OpenStatus {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** Whom a request is about, as ResolveSubject found them. */
export interface Subject {
  found: boolean;
  /** The Kiara account: the live one of the address, else the one an earlier request of it found. */
  accountId?: string;
  /** How the account was found: `earlier_request` once the account item itself is gone (erased). */
  via?: 'account' | 'earlier_request';
  /** The other requests of the same address whose records are kept (data held about the person). */
  earlierRequestIds?: string[];
}

/** Emails to the requester that announce a change the privacy team made to the request. */
export const NOTICE_KINDS = ['extension_notice', 'download_link'] as const satisfies readonly EmailKind[];
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The workflow steps that wait for a person: the data subject or the privacy team. */
export const PENDING_STEPS = ['verify_identity', 'triage', 'review', 'store_failure', 'step_failure'] as const;
export type PendingStepName = (typeof PENDING_STEPS)[number];
/** The steps that wait for the privacy team; the identity step waits for the requester. */
export const TEAM_STEPS = ['triage', 'review', 'store_failure', 'step_failure'] as const satisfies readonly PendingStepName[];
/** The steps a dismissal (no rights request) may end: everything before the review decision. */
export const DISMISSABLE_STEPS = ['verify_identity', 'triage', 'review'] as const satisfies readonly PendingStepName[];
/** Whether a step is one of `steps` (a step of any name may be asked about). */
export const isStepIn = (steps: readonly PendingStepName[], step: PendingStepName) => steps.includes(step);
/** The failures the team retries: a store after its retries, and any other step of the workflow. */
export const FAILURE_STEPS = ['store_failure', 'step_failure'] as const satisfies readonly PendingStepName[];

/**
 * Why the review needs particular care. Codes rather than free text, so no note can carry
 * the person's address or name into an email or the console.
 */
export const REVIEW_NOTES = ['requester_email_differs_from_account', 'repeated_request', 'decision_required'] as const;
export type ReviewNote = (typeof REVIEW_NOTES)[number];

export interface DeadlinePair {
  strict: string;
  legal: string;
}

export interface Extension {
  reason: string;
  extendedBy: string;
  extendedAt: string;
  /** When the data subject was emailed about it (Art. 12(3): within the first month). */
  subjectNotifiedAt?: string;
}

/**
 * The privacy team's review: the decision on each right of the request (grant, grant in
 * part, refuse, with ground and facts), who took it and when.
 */
export interface ReviewDecision {
  rights: RightDecisions;
  decidedBy: string;
  decidedAt: string;
  /** Something was refused or granted in part after the one-month refusal deadline (Art. 12(4)). */
  late?: boolean;
}

/**
 * The rights that touch no store (Art. 16, 18, 21, 7(3)): the privacy team acts on them
 * by hand and the requester gets a reply saying what was done (Art. 12(3)/(4)).
 */
export const OUTCOME_RIGHTS = ['rectification', 'restriction', 'objection', 'withdraw_consent'] as const satisfies readonly Right[];
/** Of those, the rights whose reply needs the team's own statement of what it did. */
export const OUTCOME_REQUIRED_RIGHTS = ['rectification', 'restriction', 'objection'] as const satisfies readonly Right[];

/** Whether a right is one the team acts on by hand (the console passes plain strings). */
export const isOutcomeRight = (right: string) => (OUTCOME_RIGHTS as readonly string[]).includes(right);
/** Whether a right's reply needs the team's statement of what it did. */
export const needsStatement = (right: string) => (OUTCOME_REQUIRED_RIGHTS as readonly string[]).includes(right);

export const hasOutcomeRight = (types: readonly string[]) => types.some(isOutcomeRight);
export const needsOutcome = (types: readonly string[]) => types.some(needsStatement);

/** The privacy team's statement, on approval, of the action taken; quoted in the reply. */
export interface Outcome {
  text: string;
  decidedBy: string;
  decidedAt: string;
}

/** A request that came in by email: where the raw message is and what SES said of it. */
export interface MailFacts {
  /** SES's id of the message (absent on records filed before it was kept): its attachments are stored under it. */
  mailId?: string;
  /** The raw message in the inbound-mail bucket, kept as it came. */
  objectKey: string;
  bytes: number;
  verdicts: MailVerdicts;
  /** Why no automatic reply went out, or why the message could not be read. */
  flags: MailFlag[];
  /** No workflow started: the message waits for the team (flagged, or no address to answer). */
  held: boolean;
  subject?: string;
  /** The message's plain text for the team (never its HTML); see MAX_TEXT_CHARS. */
  text?: string;
  htmlOnly?: boolean;
  attachments: MailAttachment[];
  /** Attachments beyond MAX_LISTED_ATTACHMENTS: counted, not listed (only the raw message has them). */
  attachmentsNotListed?: number;
}

export interface DsrRequestRecord {
  requestId: string;
  types: RequestType[];
  status: RequestStatus;
  locale: Locale;
  channel: string;
  receivedAt: string;
  receiptDate: string;
  deadlines: { initial: DeadlinePair; extended: DeadlinePair };
  /** Set once the privacy team extends; the extended pair then applies. */
  extension?: Extension;
  /** The reply address. Kept only while the request is open plus the audit period. */
  contactEmail: string;
  /** The team's last change of the reply address: who, when and why (never the address it replaced). */
  contactChange?: { changedBy: string; changedAt: string; note: string };
  /**
   * Set when the team gave the requester's reply another way because email could not
   * deliver it (SES refused the address): how, the team's note, who and when. The request
   * closed with the status of that reply, and no email of it went out.
   */
  replyChannel?: { channel: OfflineChannel; note: string; answeredBy: string; answeredAt: string };
  /** As the requester gave them; for the privacy team. */
  name?: string;
  details?: string;
  /** The account of the signed-in dashboard session that filed it: no email check needed. */
  accountId?: string;
  /** Set for requests that came in by email to the privacy address. */
  mail?: MailFacts;
  /** Set on a request the privacy team filed itself (letter, phone, in person, a minor's account). */
  filing?: {
    filedBy: string;
    /** How the team verified the identity, or how it learned of a minor. */
    note?: string;
    /** The team verified the identity: no identity link. */
    identity?: 'verified';
    /** Policy §12: an account of someone under 18; nobody asked, the account's address is told. */
    ground?: 'minor';
  };
  /** Set when the privacy team said which rights a mail invokes. */
  triage?: { types: RequestType[]; decidedBy: string; decidedAt: string };
  /** Set when the privacy team closed it as no rights request. */
  dismissal?: { reason: string; dismissedBy: string; dismissedAt: string };
  /**
   * What the channel noted on receipt (codes and flags only) for the `received` audit event,
   * which the workflow's first step records (functions/core/request/received.ts).
   */
  receivedDetails?: Record<string, unknown>;
  /** SHA-256 of the body it was filed with: an Idempotency-Key reused with another body is refused. */
  deliveryFingerprint?: string;
  /** The open request this one repeats; a duplicate runs no workflow of its own. */
  duplicateOf?: string;
  /** When the identity link stops working (and VerifyIdentity times out). */
  identityExpiresAt?: string;
  /** Why the review needs particular care (a code of the review-needed email). */
  reviewNote?: ReviewNote;
  /** Identity pauses (setting, default off): the legal limit moved by these days. */
  identityPauses?: { start: string; end: string }[];
  /** Set by ResolveSubject; absent while identity is unconfirmed. */
  subject?: Subject;
  pendingStep?: PendingStepName;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  /** Set by the review's decision, per right. */
  decision?: ReviewDecision;
  /** Set on approval when the team stated what it did (see OUTCOME_RIGHTS). */
  outcome?: Outcome;
  /** The corrections (Art. 16) the review wrote in the stores; the reply says what changed. */
  rectified?: AppliedCorrection[];
  /**
   * Notices to the requester queued with the change they announce (the outbox), by mail
   * kind; an entry stays until its email went out, and the console shows it as pending.
   */
  outbox?: Partial<Record<NoticeKind, { queuedAt: string; /** download_link: the link it will carry. */ linkId?: string }>>;
  /** The access package in the export bucket, once assembled. */
  package?: { key: string; bytes: number; files: number };
  /** Set when a later erasure deleted the package: its download links answer 410. */
  packageRevoked?: { at: string; byRequestId: string };
  /** Set when an erasure of the person deleted the mail received for this request (raw messages, attachments). */
  receivedMailErased?: { at: string; byRequestId: string };
  /** When the stores that age data out were collected (held) for this request, before the review. */
  heldAt?: string;
  /** Set once an approved restriction marked the data (Art. 18); lifted only by the team. */
  restriction?: Restriction;
  /** For an erasure: the earlier requests whose packages it deleted. */
  erasedPackages?: string[];
  /**
   * The download link last emailed: only the link with this id opens the package (a
   * reissued link retires the earlier ones); the package is deleted at `packageExpiresAt`.
   */
  downloadLink?: { linkId: string; linkExpiresAt: string; packageExpiresAt: string };
}

/**
 * A restriction's states: `active` (marked, held), `lifting` (the person was told, Art.
 * 18(3), and the marks and the held copy are being removed a page at a time), `lifted`.
 */
export type RestrictionStatus = 'active' | 'lifting' | 'lifted';

/**
 * A restriction in place, being lifted or lifted: the account it marks
 * (functions/core/restriction/marks.ts) and the held copy of what ages out (`heldFiles`
 * objects under `restricted/<request id>/`).
 */
export interface Restriction {
  status: RestrictionStatus;
  accountId: string;
  since: string;
  heldFiles: number;
  /** The stores whose data ages out (TTL, lifecycle) that the held copy keeps, with their counts. */
  heldStores: HeldStore[];
  /** The account's media objects that carry the restriction tag. */
  taggedFiles: number;
  /**
   * Who asked for the lift, when and why (the person was emailed first, Art. 18(3)), set
   * with `lifting`; `run` numbers the release's executions (a new one after a failed one)
   * and `from` is where the current one started (its cursor, no account id).
   */
  lift?: { at: string; by: string; reason: string; run: number; from: string };
  /** The release's last execution gave up (the error's name) at `cursor`; a repeated lift runs it again from there. */
  liftFailed?: { at: string; error: string; cursor: string };
  /** Who lifted it, when (its release done) and why. */
  lifted?: { at: string; by: string; reason: string };
}

/** One store of a restriction's held copy: what it keeps of the store's data, counted. */
export interface HeldStore {
  storeId: string;
  items: number;
}

/** The dates that apply now: the extended pair once the request was extended. */
export function currentDeadlines(request: Pick<DsrRequestRecord, 'deadlines' | 'extension'>): DeadlinePair {
  return request.extension ? request.deadlines.extended : request.deadlines.initial;
}
