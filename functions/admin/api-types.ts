/**
 * The admin API's response bodies: the handler builds them with these types and the
 * privacy console imports them (type-only), so a field renamed or removed here fails
 * the type check of both. Imports only types, and none that pull in the AWS SDK.
 */
import type { StoreResult } from '../connectors/store-result.js';
import type { UnfiledMailList } from '../shared/ports/unfiled-mail.js';
import type { CanExtendResult } from '../core/deadlines/index.js';
import type { IntakeAccepted } from '../core/intake/responses.js';
import type { CorrectableField } from '../core/inventory/correctable-fields.js';
import type { Right } from '../core/inventory/types.js';
import type {
  DeadlinePair,
  DsrRequestRecord,
  Extension,
  MailFacts,
  NoticeKind,
  Outcome,
  PendingStepName,
  Restriction,
  ReviewDecision,
} from '../core/request/model.js';
import type { ReceivedMessage } from '../shared/ports/messages-repo.js';
import type { AuditEvent, PendingStep } from '../shared/ports/requests-repo.js';

export type { AuditEvent, MailFacts, ReceivedMessage, StoreResult };

/** A request as the queue shows it: no contact details; days left in Amsterdam days. */
export interface Summary {
  requestId: string;
  types: Right[];
  status: DsrRequestRecord['status'];
  open: boolean;
  pendingStep: PendingStepName | null;
  channel: string;
  receivedAt: string;
  receiptDate: string;
  /** The legal deadline that applies now (the extended one once extended). */
  deadline: string;
  strictDeadline: string;
  /** Art. 12(4): the one-month legal date by which a refusal must reach the person. */
  refusalDeadline: string;
  extended: boolean;
  /** Null once closed. */
  daysLeft: number | null;
  closedAt: string | null;
  /** The open request this one repeats: that request's reply answers it. */
  duplicateOf: string | null;
  reviewNote: DsrRequestRecord['reviewNote'] | null;
}

/** One page of the queue, by due date. */
export interface RequestsPage {
  items: Summary[];
  /** Where the next page starts; null after the last. */
  cursor: string | null;
}

/**
 * `GET /admin/requests`: one page of the queue, and on every page the mail to the privacy
 * address that the intake did not file (over its rate limit) and the team has not cleared:
 * ids, S3 keys and times only.
 */
export interface QueuePage extends RequestsPage {
  unfiledMail: UnfiledMailList;
}

/** A step waiting for the team, without its task token (which never leaves the table). */
export type PendingStepView = Omit<PendingStep, 'taskToken'>;

/** `GET /admin/requests/{id}` and the answer of every action: the request in full. */
export interface RequestDetail extends Summary {
  locale: DsrRequestRecord['locale'];
  contactEmail: string;
  /** As the requester gave them; shown to the privacy team. */
  name: string | null;
  details: string | null;
  deadlines: { initial: DeadlinePair; extended: DeadlinePair };
  extension: Extension | null;
  /** Notices queued with a change and not yet sent (the console shows "notice pending"). */
  noticesPending: NoticeKind[];
  /** The current download link's expiry and the package's deletion (a new link is possible until then). */
  downloadLink: { linkExpiresAt: string; packageExpiresAt: string } | null;
  decision: ReviewDecision | null;
  /** Per right of the request that touches stores, the stores a partial grant may keep (`keep`), with their titles. */
  keepable: Partial<Record<Right, { storeId: string; title: string }[]>>;
  /** A rectification: the stores a correction (Art. 16) writes in, with the attributes of each (the decide dialog's fields). */
  rectifiable: { storeId: string; title: string; fields: CorrectableField[] }[];
  outcome: Outcome | null;
  /** The restriction this request put in place (Art. 18), active or lifted; null when none. */
  restriction: Restriction | null;
  /** Whether an extension is still possible now, and if not why. */
  extendable: CanExtendResult;
  subjectFound: boolean | null;
  pendingSteps: PendingStepView[];
  stores: StoreResult[];
  emailsSent: string[];
  /** The message that opened the request, when it came by email. */
  mail: MailFacts | null;
  /** The rights the message's words suggest, for the team's triage. */
  suggestedTypes: Right[];
  triage: NonNullable<DsrRequestRecord['triage']> | null;
  dismissal: NonNullable<DsrRequestRecord['dismissal']> | null;
  /** The team's last change of the reply address (who, when, why). */
  contactChange: NonNullable<DsrRequestRecord['contactChange']> | null;
  /** Set when the team gave the reply another way, email having been refused (how, note, who, when). */
  replyChannel: NonNullable<DsrRequestRecord['replyChannel']> | null;
  /** Replies since, oldest first. */
  messages: ReceivedMessage[];
  /** Set once an erasure of the person deleted this mail (raw messages and attachments); the text stays. */
  receivedMailErased: NonNullable<DsrRequestRecord['receivedMailErased']> | null;
  audit: AuditEvent[];
}

/** `POST /admin/requests` (201): the request the team filed, or the open one it repeats. */
export interface FiledRequest extends IntakeAccepted {
  deadlines: { initial: DeadlinePair; extended: DeadlinePair };
  duplicateOf: string | null;
}

/** `GET /admin/requests/{id}/mail/{mailId}/attachments/{part}`: where to download it, for 5 minutes. */
export interface AttachmentLink {
  /** A presigned S3 GET that answers the file with `Content-Disposition: attachment`. */
  url: string;
  expiresAt: string;
}

/** `POST /admin/requests/{id}/preview-rejection`: the refusal email, decided nothing. */
export interface RejectionPreview {
  subject: string;
  text: string;
}

/**
 * A restriction (Art. 18) as `GET /admin/restrictions` lists it and a lift answers it: the
 * request's record of it (ids, dates and counts, no contact details).
 */
export interface RestrictionView extends Restriction {
  requestId: string;
}

/** `GET /admin/restrictions`: the restrictions in place, oldest first. */
export interface RestrictionsPage {
  items: RestrictionView[];
}
