/**
 * Optional identity pauses (gdpr-rules.md §3, setting `identityPause`, default off): while
 * Kiara waits for identifying information it asked for, the legal limit may move by the
 * paused days. The strict SLA date never moves.
 */
import { Temporal } from 'temporal-polyfill';
import type { RequestDeadlines, DeadlinePair } from './deadlines.js';
import { InvalidPauseError } from './errors.js';
import { resolveSettings, type DeadlineSettings } from './settings.js';
import { localDate, parseDate, toInstant } from './time.js';
import { rollForward } from './working-days.js';

export interface IdentityPause {
  /** ISO instant with offset: when Kiara asked for identifying information. */
  start: string;
  /** ISO instant with offset: when the information arrived (or the wait ended). */
  end: string;
}

/**
 * Paused calendar days in the zone: the local dates from a pause's start date up to (not
 * including) its end date, i.e. the midnights the pause spans. A pause within one day
 * counts 0. Overlapping pauses are counted once (union of days).
 */
export function pausedDays(pauses: readonly IdentityPause[], timeZone?: string): number {
  const tz = timeZone ?? resolveSettings().timeZone;
  const days = new Set<string>();
  for (const pause of pauses) {
    const start = toInstant(pause.start);
    const end = toInstant(pause.end);
    if (Temporal.Instant.compare(end, start) < 0) {
      throw new InvalidPauseError(`Invalid identity pause: it ends (${pause.end}) before it starts (${pause.start})`);
    }
    const last = localDate(end, tz);
    for (let d = localDate(start, tz); Temporal.PlainDate.compare(d, last) < 0; d = d.add({ days: 1 })) {
      days.add(d.toString());
    }
  }
  return days.size;
}

/**
 * Move the legal dates by the total paused days and roll forward again; `strict` stays.
 * The unpaused legal date is derived from `strict` (which never moves), so applying the
 * same pauses twice gives the same result. With `identityPause` off, or no paused day,
 * the input is returned unchanged.
 */
export function applyIdentityPauses(
  deadlines: RequestDeadlines,
  pauses: readonly IdentityPause[],
  settings?: Partial<DeadlineSettings>,
): RequestDeadlines {
  const s = resolveSettings(settings);
  if (!s.identityPause) return deadlines;
  const days = pausedDays(pauses, s.timeZone);
  if (days === 0) return deadlines;
  const shift = (pair: DeadlinePair): DeadlinePair => {
    const unpausedLegal = s.rollForward ? rollForward(pair.strict) : pair.strict;
    const moved = parseDate(unpausedLegal).add({ days }).toString();
    return { strict: pair.strict, legal: s.rollForward ? rollForward(moved) : moved };
  };
  return { ...deadlines, initial: shift(deadlines.initial), extended: shift(deadlines.extended) };
}
