/**
 * Dutch public holidays as the *Algemene termijnenwet* (Atw) art. 3 defines them.
 *
 * Why a list of our own and not a generic holiday calendar: the Atw list is what decides
 * whether a GDPR period rolls forward, and it differs from common calendars (5 May counts
 * every year, Good Friday counts, 1 May does not, and decree days are added by decree).
 */
import { Temporal } from 'temporal-polyfill';
import { parseDate } from './time.js';

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  /** Dutch name, as the law and the privacy team use it. */
  name: string;
}

/**
 * Days that the government equated with a public holiday by decree under Atw art. 3(3)
 * ("bij koninklijk besluit ... gelijkgesteld"). They are data, not arithmetic: add each
 * new decree here when it is published in the Staatscourant.
 */
export const DECREE_DAYS: readonly Holiday[] = [
  { date: '2023-04-28', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
  { date: '2023-05-19', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
  { date: '2024-05-10', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
  { date: '2024-12-27', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
  { date: '2025-05-30', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
  { date: '2026-01-02', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
  { date: '2026-05-15', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
  { date: '2027-05-07', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
  { date: '2028-04-28', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
  { date: '2028-05-26', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
];

/**
 * Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 * Good Friday, Easter Monday, Ascension and Whit Monday are all fixed offsets from it.
 */
export function easterSunday(year: number): Temporal.PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day });
}

/** Koningsdag is 27 April, moved to the 26th when the 27th is a Sunday (Atw art. 3(1)). */
function kingsDay(year: number): Temporal.PlainDate {
  const the27th = Temporal.PlainDate.from({ year, month: 4, day: 27 });
  return the27th.dayOfWeek === 7 ? the27th.subtract({ days: 1 }) : the27th;
}

const cache = new Map<number, { list: readonly Holiday[]; dates: ReadonlySet<string> }>();

function holidaysOf(year: number) {
  let entry = cache.get(year);
  if (!entry) {
    const list = buildHolidays(year);
    entry = { list, dates: new Set(list.map((h) => h.date)) };
    cache.set(year, entry);
  }
  return entry;
}

/**
 * All Atw art. 3 holidays of one year, sorted by date. Two holidays on the same date
 * (Ascension Day can fall on 5 May) are one entry with both names.
 */
export function dutchHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
  return holidaysOf(year).list.map((h) => ({ ...h }));
}

function buildHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => Temporal.PlainDate.from({ year, month, day });
  const entries: [Temporal.PlainDate, string][] = [
    [fixed(1, 1), 'Nieuwjaarsdag'],
    [easter.subtract({ days: 2 }), 'Goede Vrijdag'],
    [easter.add({ days: 1 }), 'Tweede Paasdag'],
    [kingsDay(year), 'Koningsdag'],
    // Atw art. 3(1) names 5 May without the five-yearly condition of other regulations.
    [fixed(5, 5), 'Bevrijdingsdag'],
    [easter.add({ days: 39 }), 'Hemelvaartsdag'],
    [easter.add({ days: 50 }), 'Tweede Pinksterdag'],
    [fixed(12, 25), 'Eerste Kerstdag'],
    [fixed(12, 26), 'Tweede Kerstdag'],
  ];
  const byDate = new Map<string, string>();
  const add = (date: string, name: string) => {
    const existing = byDate.get(date);
    byDate.set(date, existing ? `${existing} / ${name}` : name);
  };
  for (const [date, name] of entries) add(date.toString(), name);
  for (const decree of DECREE_DAYS) {
    if (decree.date.startsWith(`${String(year).padStart(4, '0')}-`)) add(decree.date, decree.name);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, name]) => ({ date, name }));
}

/** True when the date is on the Atw art. 3 list (weekends are not checked here). */
export function isDutchHoliday(date: string | Temporal.PlainDate): boolean {
  const d = typeof date === 'string' ? parseDate(date) : date;
  return holidaysOf(d.year).dates.has(d.toString());
}
