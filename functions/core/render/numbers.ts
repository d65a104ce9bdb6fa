import { RenderInputError } from './errors.js';
import type { Locale } from './types.js';

const NUMBER_LOCALE: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL' };

export type CountUnit = 'item' | 'file' | 'day' | 'attempt';

const UNITS: Record<Locale, Record<CountUnit, [string, string]>> = {
  en: { item: ['item', 'items'], file: ['file', 'files'], day: ['day', 'days'], attempt: ['attempt', 'attempts'] },
  nl: { item: ['item', 'items'], file: ['bestand', 'bestanden'], day: ['dag', 'dagen'], attempt: ['poging', 'pogingen'] },
};

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
  const [one, many] = UNITS[locale][unit];
  return `${formatNumber(value, locale)} ${value === 1 ? one : many}`;
}

/** Time left until a deadline, for the privacy team: "3 days left", "due today", "2 days overdue". */
export function formatDaysLeft(daysLeft: number, locale: Locale): string {
  if (!Number.isSafeInteger(daysLeft)) throw new RenderInputError(`Invalid days left: ${String(daysLeft)}`);
  if (daysLeft === 0) return locale === 'nl' ? 'verloopt vandaag' : 'due today';
  const days = formatCount(Math.abs(daysLeft), 'day', locale);
  if (daysLeft > 0) return locale === 'nl' ? `nog ${days}` : `${days} left`;
  return locale === 'nl' ? `${days} over tijd` : `${days} overdue`;
}
