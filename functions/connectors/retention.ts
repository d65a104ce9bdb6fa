import { Temporal } from 'temporal-polyfill';

/**
 * The calendar date (YYYY-MM-DD) of an ISO date or date-time attribute, or undefined
 * when the attribute is missing or not a date: such an item is still counted as retained.
 */
export function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return Temporal.PlainDate.from(value.slice(0, 10)).toString();
  } catch {
    return undefined;
  }
}

/** The later of two YYYY-MM-DD dates (either may be absent). */
export function laterDate(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/**
 * Last day an item dated `date` must be kept: the years counted from the date (29 February
 * lands on 28 February in common years), or from the end of its financial year, the
 * calendar year (art. 52 AWR: an invoice of 10 March 2026 is kept until 31 December 2033).
 */
export function retainedUntil(date: string, retainYears: number, countFrom: 'item_date' | 'end_of_financial_year' = 'item_date'): string {
  const day = Temporal.PlainDate.from(date);
  if (countFrom === 'end_of_financial_year') return Temporal.PlainDate.from({ year: day.year + retainYears, month: 12, day: 31 }).toString();
  return day.add({ years: retainYears }).toString();
}
