import { reminderPoints, type ReminderPoint } from '../deadlines/index.js';
import type { EmailMarker } from '../request/email-kinds.js';
import { isOpen, type DsrRequestRecord } from '../request/model.js';

export interface WatchSettings {
  reminderDaysBefore: number[];
}

type WatchedRequest = Pick<DsrRequestRecord, 'status' | 'receivedAt' | 'receiptDate' | 'deadlines' | 'extension' | 'pendingStep'>;

function pointsOf(request: WatchedRequest, settings: WatchSettings): ReminderPoint[] {
  return reminderPoints(
    { receivedAt: request.receivedAt, receiptDate: request.receiptDate, ...request.deadlines },
    { reminderDaysBefore: settings.reminderDaysBefore, extended: Boolean(request.extension) },
  );
}

/**
 * The next point the deadline watch waits for, strictly after `after` (the point it last
 * handled), computed from the request's current dates, so after an extension the watch
 * follows the new dates. `undefined` ends the watch: the request is closed or no point is left.
 */
export function nextWatchPoint(
  request: WatchedRequest,
  after: string | null,
  settings: WatchSettings,
): ReminderPoint | undefined {
  if (!isOpen(request.status)) return undefined;
  const afterMs = after ? Date.parse(after) : -Infinity;
  return pointsOf(request, settings).find((point) => Date.parse(point.at) > afterMs);
}

/**
 * A request's deadline watch as it starts: the first point already computed, so the watch
 * begins in its Wait and is billed one transition until it first wakes.
 */
export interface WatchStart {
  readonly requestId: string;
  readonly next: { readonly done: false; readonly point: ReminderPoint };
}

/** The watch's input for `request`; undefined when there is nothing to watch (a closed request). */
export function watchStart(request: WatchedRequest & Pick<DsrRequestRecord, 'requestId'>, settings: WatchSettings): WatchStart | undefined {
  const point = nextWatchPoint(request, null, settings);
  return point && { requestId: request.requestId, next: { done: false, point } };
}

/**
 * Whether a point the watch woke up for still applies (an extension may have moved it);
 * the refusal deadline only while the review is still pending (after it, a refusal is late).
 */
export function isCurrentPoint(request: WatchedRequest, point: ReminderPoint, settings: WatchSettings): boolean {
  return (
    isOpen(request.status) &&
    (point.kind !== 'refusal_deadline' || request.pendingStep === 'review') &&
    pointsOf(request, settings).some((candidate) => candidate.kind === point.kind && candidate.at === point.at)
  );
}

/** The email marker of a point: one reminder or escalation per point, ever. */
export function watchMailKind(point: ReminderPoint): EmailMarker {
  return point.kind === 'reminder' ? `reminder#${point.at}` : `escalation#${point.kind}`;
}
