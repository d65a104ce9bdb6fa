import { RenderInputError } from './errors.js';
import { textsFor } from './texts/index.js';
import type { Locale } from './types.js';

/** Deadlines and receipt days are Amsterdam calendar dates (gdpr-rules.md §1). */
export const DISPLAY_TIME_ZONE = 'Europe/Amsterdam';

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL' };
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, kind: 'date' | 'plain' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(kind === 'dateTime' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      timeZone: kind === 'plain' ? 'UTC' : DISPLAY_TIME_ZONE,
    });
    formatters.set(key, cached);
  }
  return cached;
}

function parsePlainDate(date: string): Date {
  const match = typeof date === 'string' ? PLAIN_DATE.exec(date) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const value = new Date(Date.UTC(year, month - 1, day));
    if (value.getUTCFullYear() === year && value.getUTCMonth() === month - 1 && value.getUTCDate() === day) return value;
  }
  throw new RenderInputError(`Invalid date ${JSON.stringify(String(date).slice(0, 40))}: expected YYYY-MM-DD`);
}

function parseInstant(instant: string): Date {
  const match = typeof instant === 'string' ? INSTANT.exec(instant) : null;
  if (match) {
    parsePlainDate(match[1]!);
    const millis = (match[5] ?? '').padEnd(3, '0').slice(0, 3);
    const normalized = `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}.${millis}${match[6]!.toUpperCase()}`;
    const value = new Date(normalized);
    if (Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4] ?? 0) < 60 && !Number.isNaN(value.getTime())) {
      return value;
    }
  }
  throw new RenderInputError(
    `Invalid instant ${JSON.stringify(String(instant).slice(0, 40))}: expected an ISO 8601 date-time with an offset`,
  );
}

/** A calendar date `YYYY-MM-DD` as "15 June 2026" / "15 juni 2026", never shifted by a zone. */
export function formatDate(date: string, locale: Locale): string {
  return formatter(locale, 'plain').format(parsePlainDate(date));
}

/** The Amsterdam calendar date of an instant (with `Z` or an offset): "15 June 2026". */
export function formatInstantDate(instant: string, locale: Locale): string {
  return formatter(locale, 'date').format(parseInstant(instant));
}

/** Date and Amsterdam time of an instant: "15 June 2026 at 00:15 (Amsterdam time)". */
export function formatInstantDateTime(instant: string, locale: Locale): string {
  return `${formatter(locale, 'dateTime').format(parseInstant(instant))} (${textsFor(locale).common.timeZone})`;
}
