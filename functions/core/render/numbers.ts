import { RenderInputError } from './errors.js';
import { textsFor } from './texts/index.js';
import type { Locale } from './types.js';

const NUMBER_LOCALE: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL' };

export type CountUnit = 'item' | 'file' | 'day';

export function checkCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RenderInputError(`Invalid ${what}: ${String(value)} (expected a whole number of 0 or more)`);
  }
  return value;
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[locale]).format(value);
}

/** "1 item", "1,204 items" / "1 item", "1.204 items". */
export function formatCount(value: number, unit: CountUnit, locale: Locale): string {
  checkCount(value, `${unit} count`);
  const [one, many] = textsFor(locale).common.units[unit];
  return `${formatNumber(value, locale)} ${value === 1 ? one : many}`;
}

/** Time left until a deadline, for the privacy team: "3 days left", "due today", "2 days overdue". */
export function formatDaysLeft(daysLeft: number, locale: Locale): string {
  if (!Number.isSafeInteger(daysLeft)) throw new RenderInputError(`Invalid days left: ${String(daysLeft)}`);
  const t = textsFor(locale).common.daysLeft;
  if (daysLeft === 0) return t.today;
  const days = formatCount(Math.abs(daysLeft), 'day', locale);
  return daysLeft > 0 ? t.left(days) : t.overdue(days);
}
