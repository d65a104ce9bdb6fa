import { canExtend, daysLeft, refusalDeadline } from '../core/deadlines/index.js';
import { suggestRights } from '../core/mail/classify.js';
import { currentDeadlines, isOpen, type DsrRequestRecord } from '../core/request/model.js';
import type { StoreResult } from '../connectors/progress.js';
import type { ReceivedMessage } from '../shared/messages-repo.js';
import type { AuditEvent, PendingStep } from '../shared/requests-repo.js';

/**
 * The admin API's answers, built from the records. The console imports their types
 * (`RequestSummary`, `RequestDetail`, `QueuePage`), so a field renamed or dropped here
 * fails the console's type check.
 */

/** A request as the queue shows it: no contact details, days left in Amsterdam days. */
export function summaryView(request: DsrRequestRecord, now = new Date()) {
  const due = currentDeadlines(request);
  return {
    requestId: request.requestId,
    types: request.types,
    status: request.status,
    open: isOpen(request.status),
    pendingStep: request.pendingStep ?? null,
    channel: request.channel,
    receivedAt: request.receivedAt,
    receiptDate: request.receiptDate,
    deadline: due.legal,
    strictDeadline: due.strict,
    // Art. 12(4): a refusal must reach the person by this date, even once extended.
    refusalDeadline: refusalDeadline(request.deadlines),
    extended: Boolean(request.extension),
    daysLeft: isOpen(request.status) ? daysLeft(due.legal, now) : null,
    closedAt: request.closedAt ?? null,
    // A repeat of an open request runs no workflow: that request's reply answers it.
    duplicateOf: request.duplicateOf ?? null,
    reviewNote: request.reviewNote ?? null,
  };
}
export type RequestSummary = ReturnType<typeof summaryView>;

/** One page of the queue: `cursor` reads on, null at the end. */
export interface QueuePage {
  items: RequestSummary[];
  cursor: string | null;
}

/** A pending step without its task token, which never leaves the table. */
export function stepView(step: PendingStep) {
  const { taskToken: _token, ...rest } = step;
  return rest;
}

/** What the detail shows beside the request item, read from the request's partition. */
export interface DetailParts {
  audit: AuditEvent[];
  steps: PendingStep[];
  stores: StoreResult[];
  /** The once-only markers of the emails sent. */
  mails: string[];
  messages: ReceivedMessage[];
}

/** One request for the privacy team: contact, deadlines, decisions, steps, stores, mail and timeline. */
export function detailView(request: DsrRequestRecord, parts: DetailParts, now = new Date()) {
  return {
    ...summaryView(request, now),
    locale: request.locale,
    contactEmail: request.contactEmail,
    name: request.name ?? null,
    details: request.details ?? null,
    deadlines: request.deadlines,
    extension: request.extension ?? null,
    // Notices queued with a change and not yet sent (the console shows "notice pending").
    noticesPending: Object.keys(request.outbox ?? {}),
    // The current download link's expiry and the package's deletion (a new link is possible until then).
    downloadLink: request.downloadLink ? { linkExpiresAt: request.downloadLink.linkExpiresAt, packageExpiresAt: request.downloadLink.packageExpiresAt } : null,
    decision: request.decision ?? null,
    outcome: request.outcome ?? null,
    // Whether an extension is still possible now, and if not why (the console shows it).
    extendable: canExtend(request.deadlines.initial.legal, now, Boolean(request.extension)),
    subjectFound: request.subject?.found ?? null,
    pendingSteps: parts.steps.map(stepView),
    stores: parts.stores,
    emailsSent: parts.mails,
    // The privacy mailbox: the message that opened the request, and the replies since.
    mail: request.mail ?? null,
    // The rights the message's words suggest (a keyword classifier; the team decides).
    suggestedTypes: request.mail ? suggestRights(`${request.mail.subject ?? ''}\n${request.mail.text ?? ''}`) : [],
    triage: request.triage ?? null,
    dismissal: request.dismissal ?? null,
    messages: parts.messages,
    audit: parts.audit,
  };
}
export type RequestDetail = ReturnType<typeof detailView>;
