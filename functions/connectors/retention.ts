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

/** Last day an item dated `date` must be kept; 29 February lands on 28 February in common years. */
export function retainedUntil(date: string, retainYears: number): string {
  return Temporal.PlainDate.from(date).add({ years: retainYears }).toString();
}
