/**
 * GDPR Art. 12(3) response deadlines, counted as Regulation 1182/71 art. 3 prescribes
 * (EDPB Guidelines 01/2022 §§157-161). See /work/shared/docs/gdpr-rules.md §§1-2.
 */
import { Temporal } from 'temporal-polyfill';
import { resolveSettings, type DeadlineSettings } from './settings.js';
import { localDate, parseDate, parseReceiptInstant, startOfNextDay, toInstant } from './time.js';
import { rollForward } from './working-days.js';

/** Both dates are kept: `strict` is the internal SLA, `legal` the limit the law allows. */
export interface DeadlinePair {
  /** YYYY-MM-DD: receipt date + N months, nothing else. */
  strict: string;
  /** YYYY-MM-DD: `strict` rolled forward past weekends/holidays (equal when roll-forward is off). */
  legal: string;
}

export interface RequestDeadlines {
  /** The receipt instant, normalized to ISO UTC (`...Z`). */
  receivedAt: string;
  /** YYYY-MM-DD in the configured zone: the day the clock starts. */
  receiptDate: string;
  /** One month from receipt. */
  initial: DeadlinePair;
  /** Three months from receipt, counted in one step (applies once extended). */
  extended: DeadlinePair;
}

export type DeadlineMonths = 1 | 3;

/**
 * Same-numbered day N months later; when that day does not exist, the last day of the
 * month (Temporal's default 'constrain' overflow does exactly this). N is added in one
 * step, so 31 Jan + 3 months is 30 Apr, not 28 Feb + 2 months.
 */
export function addMonths(date: string | Temporal.PlainDate, months: number): Temporal.PlainDate {
  const d = typeof date === 'string' ? parseDate(date) : date;
  return d.add({ months }, { overflow: 'constrain' });
}

function pairFor(receipt: Temporal.PlainDate, months: number, settings: DeadlineSettings): DeadlinePair {
  const strict = addMonths(receipt, months).toString();
  return { strict, legal: settings.rollForward ? rollForward(strict) : strict };
}

/** The receipt date and both deadline pairs of a request received at `receivedAt`. */
export function computeDeadlines(receivedAt: string, settings?: Partial<DeadlineSettings>): RequestDeadlines {
  const s = resolveSettings(settings);
  const instant = parseReceiptInstant(receivedAt);
  const receipt = localDate(instant, s.timeZone);
  return {
    receivedAt: instant.toString(),
    receiptDate: receipt.toString(),
    initial: pairFor(receipt, 1, s),
    extended: pairFor(receipt, 3, s),
  };
}

export interface SingleDeadline {
  /** The receipt instant, normalized to ISO UTC. */
  receivedAt: string;
  receiptDate: string;
  strict: string;
  legal: string;
  /** The date that applies under the settings: `legal` when rolling forward, else `strict`. */
  deadline: string;
}

/** One deadline (1 month, or 3 when extended), as the CLI prints it. */
export function deadlineFor(
  receivedAt: string,
  months: DeadlineMonths,
  settings?: Partial<DeadlineSettings>,
): SingleDeadline {
  if (months !== 1 && months !== 3) {
    throw new RangeError(`months must be 1 (normal deadline) or 3 (extended), got ${String(months)}`);
  }
  const s = resolveSettings(settings);
  const d = computeDeadlines(receivedAt, s);
  const pair = months === 1 ? d.initial : d.extended;
  return { receivedAt: d.receivedAt, receiptDate: d.receiptDate, ...pair, deadline: s.rollForward ? pair.legal : pair.strict };
}

/**
 * Calendar days (in the zone) from today to the deadline: 0 = due today, negative =
 * overdue. Calendar days, not 24-hour blocks, because the deadline is a whole day.
 */
export function daysLeft(deadline: string, now: string | Date, timeZone?: string): number {
  const tz = timeZone ?? resolveSettings().timeZone;
  const today = localDate(toInstant(now), tz);
  return today.until(parseDate(deadline), { largestUnit: 'days' }).days;
}

/** True once the whole deadline day (until 23:59:59.999 local) has passed. */
export function isOverdue(deadline: string, now: string | Date, timeZone?: string): boolean {
  const tz = timeZone ?? resolveSettings().timeZone;
  return Temporal.Instant.compare(toInstant(now), startOfNextDay(deadline, tz)) >= 0;
}

/**
 * Art. 12(4): a refusal, also a partial one, reaches the person within one month of
 * receipt, even when the performance deadline was extended to three: the one-month legal date.
 */
export function refusalDeadline(deadlines: Pick<RequestDeadlines, 'initial'>): string {
  return deadlines.initial.legal;
}

/** Whether a refusal decided at `decidedAt` comes after the end of the refusal deadline day. */
export function isLateRefusal(deadlines: Pick<RequestDeadlines, 'initial'>, decidedAt: string | Date, timeZone?: string): boolean {
  return isOverdue(refusalDeadline(deadlines), decidedAt, timeZone);
}

export type CanExtendResult =
  | { ok: true }
  | { ok: false; code: 'already_extended' | 'extension_window_closed'; message: string };

/**
 * Art. 12(3): one extension, and only while the first month runs, i.e. until the end
 * of the (rolled) one-month legal deadline day in the zone.
 */
export function canExtend(
  initialLegal: string,
  now: string | Date,
  alreadyExtended: boolean,
  timeZone?: string,
): CanExtendResult {
  const tz = timeZone ?? resolveSettings().timeZone;
  // Validate both inputs first, so bad data never hides behind an "already extended".
  const overdue = isOverdue(initialLegal, now, tz);
  if (alreadyExtended) {
    return {
      ok: false,
      code: 'already_extended',
      message: 'The request was already extended; Art. 12(3) allows one extension of at most two further months.',
    };
  }
  if (overdue) {
    return {
      ok: false,
      code: 'extension_window_closed',
      message: `The one-month deadline (${initialLegal}, end of day ${tz}) has passed; an extension must be notified within the first month (Art. 12(3)).`,
    };
  }
  return { ok: true };
}
