import type { StoreResult } from '../connectors/store-result.js';
import { canExtend, daysLeft, refusalDeadline } from '../core/deadlines/index.js';
import { CORRECTABLE_FIELDS, correctableStores, STORES, type CorrectableField } from '../core/inventory/index.js';
import { suggestRights } from '../core/mail/classify.js';
import { storesOfRight } from '../core/plan/plan.js';
import { currentDeadlines, isOpen, type DsrRequestRecord, type NoticeKind } from '../core/request/model.js';
import type { ReceivedMessage } from '../shared/ports/messages-repo.js';
import type { AuditEvent, PendingStep } from '../shared/ports/requests-repo.js';
import type { PendingStepView, RequestDetail, Summary } from './api-types.js';

/** A request as the queue shows it: no contact details, days left in Amsterdam days. */
export function summaryView(request: DsrRequestRecord, now = new Date()): Summary {
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

/** A pending step without its task token, which never leaves the table. */
export function stepView(step: PendingStep): PendingStepView {
  const { taskToken: _token, ...rest } = step;
  return rest;
}

/** The rights the message's words suggest (a keyword classifier; the team decides). */
export function suggestedTypes(request: DsrRequestRecord) {
  return request.mail ? suggestRights(`${request.mail.subject ?? ''}\n${request.mail.text ?? ''}`) : [];
}

/** What the detail view shows beside the request item, each read from its own items. */
export interface RequestRecords {
  audit: AuditEvent[];
  steps: PendingStep[];
  stores: StoreResult[];
  mails: string[];
  messages: ReceivedMessage[];
}

/** A request in full, for the privacy team: contact details, decisions, steps, stores, mail and audit. */
export function detailView(request: DsrRequestRecord, records: RequestRecords, now = new Date()): RequestDetail {
  return {
    ...summaryView(request, now),
    locale: request.locale,
    contactEmail: request.contactEmail,
    name: request.name ?? null,
    details: request.details ?? null,
    deadlines: request.deadlines,
    extension: request.extension ?? null,
    // Notices queued with a change and not yet sent (the console shows "notice pending").
    noticesPending: Object.keys(request.outbox ?? {}) as NoticeKind[],
    // The current download link's expiry and the package's deletion (a new link is possible until then).
    downloadLink: request.downloadLink ? { linkExpiresAt: request.downloadLink.linkExpiresAt, packageExpiresAt: request.downloadLink.packageExpiresAt } : null,
    decision: request.decision ?? null,
    keepable: keepableStores(request),
    rectifiable: rectifiableStores(request),
    outcome: request.outcome ?? null,
    restriction: request.restriction ?? null,
    // Whether an extension is still possible now, and if not why (the console shows it).
    extendable: canExtend(request.deadlines.initial.legal, now, Boolean(request.extension)),
    subjectFound: request.subject?.found ?? null,
    pendingSteps: records.steps.map(stepView),
    stores: records.stores,
    emailsSent: records.mails,
    // The privacy mailbox: the message that opened the request, and the replies since.
    mail: request.mail ?? null,
    suggestedTypes: suggestedTypes(request),
    triage: request.triage ?? null,
    dismissal: request.dismissal ?? null,
    contactChange: request.contactChange ?? null,
    replyChannel: request.replyChannel ?? null,
    messages: records.messages,
    receivedMailErased: request.receivedMailErased ?? null,
    audit: records.audit,
  };
}

/** The stores each right of the request touches for its subject: what the decide dialog offers to keep. */
function keepableStores(request: DsrRequestRecord): RequestDetail['keepable'] {
  const entries = request.types
    .map((right) => [right, storesOfRight(right, request.subject).map((storeId) => ({ storeId, title: STORES.find((store) => store.id === storeId)!.title.en }))] as const)
    .filter(([, stores]) => stores.length > 0);
  return Object.fromEntries(entries);
}

/**
 * A rectification's correctable stores and attributes, for the decide dialog: the console
 * gets them here rather than bundling the store inventory.
 */
function rectifiableStores(request: DsrRequestRecord): RequestDetail['rectifiable'] {
  if (!request.types.includes('rectification')) return [];
  return correctableStores().map((store) => ({
    storeId: store.id,
    title: store.title.en,
    fields: store.rectifiable.filter((field): field is CorrectableField => field in CORRECTABLE_FIELDS),
  }));
}
