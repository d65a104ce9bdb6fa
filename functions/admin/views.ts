import { daysLeft, refusalDeadline } from '../core/deadlines/index.js';
import { currentDeadlines, isOpen, type DsrRequestRecord } from '../core/request/model.js';
import type { PendingStep } from '../shared/ports/requests-repo.js';

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

/** A pending step without its task token, which never leaves the table. */
export function stepView(step: PendingStep) {
  const { taskToken: _token, ...rest } = step;
  return rest;
}
