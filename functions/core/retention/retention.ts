/**
 * Retention of the per-request accountability record (gdpr-rules.md §6): kept for a set
 * number of years after the request closed, counted in the Europe/Amsterdam calendar,
 * then deleted whole. Pure, no AWS, Temporal only.
 */
import { Temporal } from 'temporal-polyfill';
import { DEFAULT_DEADLINE_SETTINGS } from '../deadlines/settings.js';
import { toInstant } from '../deadlines/time.js';

/** Years a closed request's record is kept when no setting says otherwise. */
export const DEFAULT_RECORD_RETENTION_YEARS = 5;

/** The one check of the setting, for the stack (synth) and the purge Lambda alike. */
export function isValidRetentionYears(years: unknown): years is number {
  return typeof years === 'number' && Number.isInteger(years) && years >= 1;
}

/**
 * The instant a closed request's record expires: the closure instant's Amsterdam wall
 * time, `years` calendar years later. A closure on 29 February expires on 28 February of
 * a common year; a wall time that a spring-forward gap skips in the expiry year moves
 * forward by the gap (Temporal's `compatible`), so expiry is never before closure + years.
 */
export function recordExpiresAt(closedAt: string | Date, years: number, timeZone = DEFAULT_DEADLINE_SETTINGS.timeZone): Temporal.Instant {
  if (!isValidRetentionYears(years)) throw new RangeError(`Record retention must be a whole number of years, at least 1; got ${String(years)}`);
  const closed = toInstant(closedAt).toZonedDateTimeISO(timeZone);
  return closed.add({ years }, { overflow: 'constrain' }).toInstant();
}

/** True once the record of a request closed at `closedAt` has passed its retention at `now`. */
export function isRecordExpired(closedAt: string | Date, years: number, now: string | Date, timeZone?: string): boolean {
  return Temporal.Instant.compare(recordExpiresAt(closedAt, years, timeZone), toInstant(now)) <= 0;
}

/**
 * The latest closure instant whose record can have expired at `now`, as an ISO string of
 * `Date#toISOString` form (the form `closedAt` is stored in, so it compares as text):
 * `now` minus `years` in Amsterdam time, plus two days. The margin covers what makes
 * expiry fall before the plain `closedAt + years` — a 29 February closure expiring on 28
 * February (one day), an offset change (one hour) — so a query of closures up to this
 * bound, filtered by `isRecordExpired`, finds every expired record.
 */
export function expiredClosureBound(now: string | Date, years: number, timeZone = DEFAULT_DEADLINE_SETTINGS.timeZone): string {
  if (!isValidRetentionYears(years)) throw new RangeError(`Record retention must be a whole number of years, at least 1; got ${String(years)}`);
  const bound = toInstant(now).toZonedDateTimeISO(timeZone).subtract({ years }).add({ days: 2 }).toInstant();
  return new Date(bound.epochMilliseconds).toISOString();
}
