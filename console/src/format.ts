/**
 * Pure helpers of the console: labels, badges, dates and the queue's filter state.
 * No DOM here, so the unit tests run them in Node.
 */
import type { Right } from '../../functions/core/inventory/types.js';
import {
  DECISION_GROUND_CODES,
  DECISION_GROUNDS,
  groundApplies,
  REJECTION_REASONS,
  type DecisionGround,
  type RightDecisionKind,
} from '../../functions/core/request/decisions.js';
import type { EmailKind } from '../../functions/core/request/email-kinds.js';
import type { PendingStepName, RequestStatus, ReviewNote } from '../../functions/core/request/model.js';

// Labels are keyed by the code lists of functions/core: a code without a label fails the type check.

export const RIGHT_LABELS: Record<Right, string> = {
  access: 'Access (Art. 15)',
  portability: 'Portability (Art. 20)',
  erasure: 'Erasure (Art. 17)',
  rectification: 'Rectification (Art. 16)',
  restriction: 'Restriction (Art. 18)',
  objection: 'Objection (Art. 21)',
  withdraw_consent: 'Withdraw consent (Art. 7(3))',
};

export const STATUS_LABELS: Record<RequestStatus, string> = {
  awaiting_identity: 'Awaiting identity',
  awaiting_triage: 'Awaiting triage',
  resolving: 'Looking up the account',
  awaiting_review: 'Awaiting review',
  processing: 'Processing',
  awaiting_store_retry: 'Store failed',
  awaiting_step_retry: 'Step failed',
  responding: 'Sending the reply',
  completed: 'Completed',
  completed_no_data: 'Completed (no data)',
  rejected: 'Rejected',
  closed_unverified: 'Closed (identity not confirmed)',
  cancelled: 'Cancelled (withdrawn)',
  duplicate: 'Duplicate (repeats an open request)',
  dismissed: 'Dismissed (no rights request)',
};

export const STEP_LABELS: Record<PendingStepName, string> = {
  verify_identity: 'Requester: identity confirmation',
  triage: 'Privacy team: triage (which rights)',
  review: 'Privacy team: review',
  store_failure: 'Privacy team: failed store',
  step_failure: 'Privacy team: failed step',
};

/** How the dialogs name each ground of `DECISION_GROUNDS` (functions/core), with a hint for the facts. */
const GROUND_LABELS: Record<DecisionGround, { label: string; hint: string }> = {
  manifestly_unfounded: { label: 'Manifestly unfounded', hint: 'The request plainly has no basis, e.g. it concerns data Kiara cannot hold.' },
  excessive: { label: 'Excessive, in particular repetitive', hint: 'Name the earlier requests and their dates.' },
  identity_not_confirmed: {
    label: 'Identity not confirmed',
    hint: 'Only when Kiara can show it cannot identify the person; the email invites them to send more information.',
  },
  other: { label: 'Other reasons', hint: 'The facts carry the whole reasoning.' },
  freedom_of_expression: { label: 'Exception: freedom of expression and information', hint: 'Say which data, and whose expression it serves.' },
  legal_obligation: { label: 'Exception: a legal obligation to keep the data', hint: 'Name the law and the data it covers.' },
  public_health: { label: 'Exception: public health', hint: 'Say which data, and the public-health purpose.' },
  archiving_research: { label: 'Exception: archiving, research or statistics', hint: 'Say which data, and the purpose.' },
  legal_claims: { label: 'Exception: legal claims', hint: 'Name the claim (parties, court or case) and the data it needs.' },
  rights_of_others: { label: 'Rights and freedoms of others', hint: 'Say what is withheld and whose rights it protects.' },
  compelling_grounds: { label: 'Compelling legitimate grounds', hint: 'Document the grounds and why they override the objection.' },
};

export interface GroundOption {
  code: DecisionGround;
  label: string;
  article: string;
  hint: string;
}

const groundOption = (code: DecisionGround): GroundOption => ({
  code,
  ...GROUND_LABELS[code],
  article: `${DECISION_GROUNDS[code].article} GDPR`,
});

/** Art. 12(5)/(4) grounds, as the reject dialog offers them. */
export const REJECTION_GROUNDS: GroundOption[] = REJECTION_REASONS.map(groundOption);

/** The grounds the decide dialog offers for one right: those that apply to it. */
export const groundsFor = (right: Right): GroundOption[] =>
  DECISION_GROUND_CODES.filter((code) => groundApplies(code, right)).map(groundOption);

export const groundLabel = (code: string): string =>
  code in GROUND_LABELS ? `${GROUND_LABELS[code as DecisionGround].label} (${DECISION_GROUNDS[code as DecisionGround].article} GDPR)` : code;

export const DECISION_LABELS: Record<RightDecisionKind, string> = { grant: 'Granted', partial: 'Granted in part', refuse: 'Refused' };

export const AUDIT_LABELS: Record<string, string> = {
  received: 'Request received',
  message_received: 'Reply received by email',
  attachment_downloaded: 'Mailed attachment downloaded',
  received_mail_erased: 'Received mail and attachments deleted (erasure)',
  email_sent: 'Email sent',
  step_pending: 'Waiting',
  identity_verified: 'Identity confirmed',
  subject_resolved: 'Account looked up',
  decision: 'Decision',
  extended: 'Deadline extended',
  package_assembled: 'Access package assembled',
  package_downloaded: 'Package downloaded',
  download_link_reissued: 'New download link sent',
  contact_changed: 'Reply address changed',
  notice_failed: 'Notice NOT sent: retries spent, team told',
  deadline_escalated: 'Deadline escalated',
  art19_notice: 'Recipient notified (Art. 19)',
  art19_notice_missing_contact: 'Recipient NOT notified: no contact (Art. 19)',
  restriction_applied: 'Data marked restricted, hold kept (Art. 18)',
  restriction_lifted: 'Restriction lifted after the person was told (Art. 18(3))',
  restriction_lift_failed: 'Restriction lift stopped',
  duplicate_of: 'Filed again: repeats an open request',
  duplicate_received: 'Repeated by a later request',
  closed: 'Closed',
};

export const EMAIL_LABELS: Record<EmailKind, string> = {
  acknowledgement: 'Acknowledgement with identity link',
  verification_resend: 'New identity link (requested)',
  review_needed: 'Review needed (privacy team)',
  triage_needed: 'Email to triage (privacy team)',
  dismissal_reply: 'Reply to a dismissed email',
  minor_erasure_notice: 'Notice of a minor’s account deletion',
  access_ready: 'Access package ready',
  erasure_report: 'Erasure report',
  no_data: 'No account found',
  rejection: 'Refusal with reasons and remedies',
  identity_expired: 'Identity link expired',
  extension_notice: 'Extension notice',
  cancellation: 'Withdrawal confirmed',
  download_link: 'New download link',
  store_failure: 'Store failure (privacy team)',
  notice_failure: 'Notice not sent (privacy team)',
  step_failure: 'Step failure (privacy team)',
  art19_notice: 'Art. 19 notice to a recipient',
  art19_restriction: 'Art. 19 restriction notice to a recipient',
  restriction_lifted: 'Restriction will be lifted (Art. 18(3))',
  rights_outcome: 'What was done (rectification, restriction, objection, consent)',
  reminder: 'Deadline reminder (privacy team)',
  escalation: 'Deadline escalation (privacy team)',
};

/** Why the review needs particular care, as the review-needed email says it. */
export const REVIEW_NOTE_LABELS: Record<ReviewNote, string> = {
  requester_email_differs_from_account: 'The requester’s address differs from the account’s: check the identity before approving.',
  repeated_request: 'Similar requests from the same person arrived recently: assess whether it is excessive (Art. 12(5)).',
  decision_required: 'A right the team decides on (rectification, restriction or objection).',
};


export const label = (labels: Record<string, string>, key: string | null | undefined): string =>
  key ? (labels[key] ?? key.replace(/_/g, ' ')) : '—';

export type BadgeTone = 'ok' | 'soon' | 'overdue' | 'closed';

/** The days-left badge: amber within 7 days (and on the day), red once overdue. */
export function dueBadge(daysLeft: number | null | undefined): { text: string; tone: BadgeTone } {
  if (daysLeft === null || daysLeft === undefined) return { text: 'Closed', tone: 'closed' };
  const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
  if (daysLeft < 0) return { text: `${days(-daysLeft)} overdue`, tone: 'overdue' };
  if (daysLeft === 0) return { text: 'Due today', tone: 'soon' };
  return { text: `${days(daysLeft)} left`, tone: daysLeft <= 7 ? 'soon' : 'ok' };
}

const TZ = 'Europe/Amsterdam';

/** A calendar date `YYYY-MM-DD` as "10 Mar 2026" (no time zone shift). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utc);
}

/** An instant in Amsterdam time, "10 Mar 2026, 13:05". */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TZ,
  }).format(date);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The queue's statuses: open, closed, or of the closed the duplicates only. */
export const QUEUE_STATUSES = { open: 'Open', closed: 'Closed', duplicate: 'Duplicates' } as const;
export type QueueStatus = keyof typeof QUEUE_STATUSES;
const isQueueStatus = (value: string | null): value is QueueStatus => value !== null && Object.hasOwn(QUEUE_STATUSES, value);

/** The queue's filters, kept in the hash (`#/?status=open&due=within&days=7`). */
export interface QueueFilters {
  status: QueueStatus;
  type: string;
  step: string;
  due: '' | 'overdue' | 'within';
  days: number;
}

export const DEFAULT_FILTERS: QueueFilters = { status: 'open', type: '', step: '', due: '', days: 7 };

export function filtersFromSearch(search: string): QueueFilters {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  const days = Number(params.get('days'));
  const due = params.get('due');
  const status = params.get('status');
  const type = params.get('type') ?? '';
  const step = params.get('step') ?? '';
  return {
    status: isQueueStatus(status) ? status : 'open',
    type: Object.hasOwn(RIGHT_LABELS, type) ? type : '',
    step: Object.hasOwn(STEP_LABELS, step) ? step : '',
    due: due === 'overdue' || due === 'within' ? due : '',
    days: Number.isInteger(days) && days >= 0 && days <= 400 && params.has('days') ? days : DEFAULT_FILTERS.days,
  };
}

/** The hash's query: only what differs from the defaults. */
export function filtersToSearch(filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.type) params.set('type', filters.type);
  if (filters.step) params.set('step', filters.step);
  if (filters.due && filters.status === 'open') {
    params.set('due', filters.due);
    if (filters.due === 'within') params.set('days', String(filters.days));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The admin API's query string for the filters. */
export function adminQuery(filters: QueueFilters, limit: number, cursor?: string | null): string {
  const params = new URLSearchParams({ status: filters.status, limit: String(limit) });
  if (filters.type) params.set('type', filters.type);
  if (filters.step) params.set('pendingStep', filters.step);
  if (filters.status === 'open' && filters.due === 'overdue') params.set('overdue', 'true');
  if (filters.status === 'open' && filters.due === 'within') params.set('dueWithinDays', String(filters.days));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** A short line for an audit event's details (ids, codes and counts only). */
export function auditDetails(event: { type: string; details?: Record<string, unknown> }): string {
  const d = event.details ?? {};
  const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  switch (event.type) {
    case 'received':
      return `${(d.types as string[] | undefined)?.map((t) => label(RIGHT_LABELS, t)).join(', ') ?? ''}; receipt date ${formatDate(str(d.receiptDate))}`;
    case 'email_sent':
      return label(EMAIL_LABELS, str(d.kind).split('#')[0]);
    case 'art19_notice':
      return `${str(d.recipientId)}: ${str(d.notice)} notice sent`;
    case 'art19_notice_missing_contact':
      return `${str(d.recipientId)}: no address in recipientContacts, not notified: notify them another way`;
    case 'step_pending':
      return [label(STEP_LABELS, str(d.step)), d.storeId ? `store ${str(d.storeId)} (${str(d.action)})` : '', d.error ? str(d.error) : '']
        .filter(Boolean)
        .join(' · ');
    case 'identity_verified':
      return d.method === 'email_link' ? 'by the email link' : str(d.method);
    case 'subject_resolved':
      return d.found ? 'account found by the verified email address' : 'no account with the verified address';
    case 'decision':
      return [
        `${str(d.step).replace(/#/g, ' ')}: ${str(d.decision)}`,
        ...Object.entries((d.rights ?? {}) as Record<string, { decision: string; ground?: string; facts?: string }>).map(
          ([right, entry]) => `${label(RIGHT_LABELS, right)} ${label(DECISION_LABELS, entry.decision).toLowerCase()}${entry.ground ? ` (${groundLabel(entry.ground)}: ${entry.facts ?? ''})` : ''}`,
        ),
        d.late ? 'LATE: after the refusal deadline' : '',
        d.outcome ? `what was done: ${str(d.outcome)}` : '',
        d.channel ? `reply given by ${str(d.channel).replace(/_/g, ' ')}: ${str(d.note)}` : '',
      ].filter(Boolean).join(' · ');
    case 'extended':
      return str(d.reason);
    case 'contact_changed':
      return str(d.note);
    case 'package_assembled':
      return `${str(d.files)} files, ${formatBytes(Number(d.bytes ?? 0))}`;
    case 'deadline_escalated':
      return str(d.kind).replace(/_/g, ' ');
    case 'closed':
      return label(STATUS_LABELS, str(d.status));
    case 'duplicate_of':
    case 'duplicate_received':
      return str(d.requestId);
    default:
      return Object.keys(d).length ? JSON.stringify(d) : '';
  }
}
