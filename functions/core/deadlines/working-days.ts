/** Working days for the roll-forward rule of Regulation 1182/71 art. 3(4). */
import { Temporal } from 'temporal-polyfill';
import { isDutchHoliday } from './holidays.js';
import { parseDate } from './time.js';

/** Saturday, Sunday or an Atw art. 3 holiday (including decree days). */
export function isNonWorkingDay(date: string | Temporal.PlainDate): boolean {
  const d = typeof date === 'string' ? parseDate(date) : date;
  return d.dayOfWeek >= 6 || isDutchHoliday(d);
}

/**
 * If a period's last day is not a working day, the period ends at the end of the next
 * working day; a working day stays as it is. Chains (holiday, then weekend) are followed.
 *
 * `_timeZone` is accepted for symmetry with the other helpers only: a calendar date has
 * no zone, and the holiday list is the Dutch one whatever zone is configured.
 */
export function rollForward(date: string, _timeZone?: string): string {
  let d = parseDate(date);
  while (isNonWorkingDay(d)) d = d.add({ days: 1 });
  return d.toString();
}
