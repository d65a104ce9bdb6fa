/**
 * Instants and calendar dates. Every deadline is a calendar date in one zone
 * (Europe/Amsterdam); every moment (receipt, "now", timers) is an absolute instant.
 */
import { Temporal } from 'temporal-polyfill';
import { InvalidDateError, InvalidInstantError } from './errors.js';
import { DEFAULT_DEADLINE_SETTINGS } from './settings.js';

const DEFAULT_ZONE = DEFAULT_DEADLINE_SETTINGS.timeZone;

/** Quote user input for a one-line error message (no newlines, bounded length). */
function quote(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(short);
}

/**
 * Parse a receipt time. It must carry `Z` or an explicit UTC offset: a local time without
 * an offset could be any of several instants around a DST change, so it is rejected,
 * never guessed (gdpr-rules.md §1).
 */
export function parseReceiptInstant(iso: string): Temporal.Instant {
  if (typeof iso !== 'string' || iso.trim() === '') {
    throw new InvalidInstantError('Invalid instant: expected an ISO 8601 date-time with an offset, e.g. 2026-06-14T22:15:00Z');
  }
  try {
    return Temporal.Instant.from(iso);
  } catch (err) {
    if (looksLikeLocalDateTime(iso)) {
      throw new InvalidInstantError(
        `Invalid instant ${quote(iso)}: it has no UTC offset; add "Z" or an offset such as "+02:00" (a time without an offset is never guessed)`,
      );
    }
    const reason = err instanceof Error ? ` (${err.message})` : '';
    throw new InvalidInstantError(
      `Invalid instant ${quote(iso)}: expected an ISO 8601 date-time with an offset, e.g. 2026-06-14T22:15:00Z${reason}`,
    );
  }
}

/** A string that would be a valid date(-time) if only it had an offset. */
function looksLikeLocalDateTime(iso: string): boolean {
  try {
    Temporal.PlainDateTime.from(iso);
    return true;
  } catch {
    return false;
  }
}

/** "Now" as an instant: a Date, or an ISO string held to the same rules as a receipt. */
export function toInstant(now: string | Date): Temporal.Instant {
  if (now instanceof Date) {
    const ms = now.getTime();
    if (Number.isNaN(ms)) throw new InvalidInstantError('Invalid instant: the Date is invalid');
    return Temporal.Instant.fromEpochMilliseconds(ms);
  }
  return parseReceiptInstant(now);
}

/** Parse a strict YYYY-MM-DD calendar date (no time part, no offset, a real day). */
export function parseDate(date: string): Temporal.PlainDate {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new InvalidDateError(`Invalid date ${quote(String(date))}: expected YYYY-MM-DD`);
  }
  try {
    return Temporal.PlainDate.from(date);
  } catch {
    throw new InvalidDateError(`Invalid date ${quote(date)}: no such calendar day`);
  }
}

/** The calendar date of an instant in the zone (DST aware). */
export function localDate(instant: Temporal.Instant, timeZone: string = DEFAULT_ZONE): Temporal.PlainDate {
  return instant.toZonedDateTimeISO(timeZone).toPlainDate();
}

/** The first instant of the day after `date` in the zone: the moment a deadline has passed. */
export function startOfNextDay(date: string, timeZone: string = DEFAULT_ZONE): Temporal.Instant {
  return parseDate(date).add({ days: 1 }).toZonedDateTime({ timeZone }).toInstant();
}

/**
 * The ISO UTC instant of 23:59:59.999 local time on `date`: the last moment a response
 * is in time, and when a deadline timer fires.
 */
export function endOfDay(date: string, timeZone: string = DEFAULT_ZONE): string {
  return parseDate(date)
    .toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from('23:59:59.999') })
    .toInstant()
    .toString();
}

/** The ISO UTC instant of a wall-clock time on `date` in the zone (e.g. reminders at 09:00). */
export function atLocalTime(date: string, time: string, timeZone: string = DEFAULT_ZONE): string {
  return parseDate(date)
    .toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from(time) })
    .toInstant()
    .toString();
}
