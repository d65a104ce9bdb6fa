/**
 * The points in time the Step Functions deadline watch waits for: reminders before the
 * strict (SLA) date, then escalations when the strict and the legal deadline pass (and,
 * once extended, the one-month refusal deadline).
 */
import { Temporal } from 'temporal-polyfill';
import { refusalDeadline, type RequestDeadlines } from './deadlines.js';
import { resolveSettings } from './settings.js';
import { atLocalTime, endOfDay, parseDate } from './time.js';

export type ReminderKind = 'reminder' | 'strict_deadline' | 'legal_deadline' | 'refusal_deadline';

export interface ReminderPoint {
  kind: ReminderKind;
  /** ISO UTC instant the watch waits until. */
  at: string;
  /** For reminders: how many days before the strict deadline. */
  daysBefore?: number;
}

export interface ReminderOptions {
  /** Days before the strict deadline to remind the privacy team; default [7, 2]. */
  reminderDaysBefore?: number[];
  /** Use the extended (3-month) pair instead of the initial one. */
  extended: boolean;
  /** Zone of the 09:00 reminders and of the end of day; default Europe/Amsterdam. */
  timeZone?: string;
}

export const DEFAULT_REMINDER_DAYS_BEFORE: readonly number[] = [7, 2];

/** Reminders go out at the start of an Amsterdam working morning. */
const REMINDER_TIME = '09:00';

const KIND_ORDER: Record<ReminderKind, number> = { reminder: 0, refusal_deadline: 1, strict_deadline: 2, legal_deadline: 3 };

/**
 * Sorted points: a reminder at 09:00 local N days before the strict date (skipped when it
 * would not be after the receipt, as it could only fire at once), an escalation at the end
 * of the strict date and one at the end of the legal date; a single 'legal_deadline' point
 * when both dates are the same.
 */
export function reminderPoints(deadlines: RequestDeadlines, opts: ReminderOptions): ReminderPoint[] {
  const tz = opts.timeZone ?? resolveSettings().timeZone;
  const pair = opts.extended ? deadlines.extended : deadlines.initial;
  const received = Temporal.Instant.from(deadlines.receivedAt);
  const strict = parseDate(pair.strict);

  const points: ReminderPoint[] = [];
  for (const n of new Set(opts.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE)) {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`reminderDaysBefore must hold whole numbers >= 0, got ${String(n)}`);
    }
    const at = atLocalTime(strict.subtract({ days: n }).toString(), REMINDER_TIME, tz);
    if (Temporal.Instant.compare(Temporal.Instant.from(at), received) > 0) {
      points.push({ kind: 'reminder', at, daysBefore: n });
    }
  }
  // Extended, the one-month date still binds a refusal (Art. 12(4)): the watch escalates a pending review there.
  if (opts.extended) points.push({ kind: 'refusal_deadline', at: endOfDay(refusalDeadline(deadlines), tz) });
  if (pair.strict !== pair.legal) points.push({ kind: 'strict_deadline', at: endOfDay(pair.strict, tz) });
  points.push({ kind: 'legal_deadline', at: endOfDay(pair.legal, tz) });

  return points.sort(
    (a, b) =>
      Temporal.Instant.compare(Temporal.Instant.from(a.at), Temporal.Instant.from(b.at)) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
}
