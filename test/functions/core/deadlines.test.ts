/**
 * Deadline rules of gdpr-rules.md §§1-3. Every expected date below was checked against a
 * real calendar (weekdays with `date -d`, Easter with dateutil), not derived from the code.
 */
import { describe, expect, it } from 'vitest';
import {
  DECREE_DAYS,
  DEFAULT_DEADLINE_SETTINGS,
  InvalidDateError,
  InvalidInstantError,
  InvalidPauseError,
  applyIdentityPauses,
  canExtend,
  isLateRefusal,
  refusalDeadline,
  computeDeadlines,
  daysLeft,
  deadlineFor,
  dutchHolidays,
  easterSunday,
  endOfDay,
  isNonWorkingDay,
  isOverdue,
  parseReceiptInstant,
  pausedDays,
  reminderPoints,
  rollForward,
} from '../../../functions/core/deadlines/index.js';

interface Case {
  received: string;
  receipt: string;
  strict: string;
  legal: string;
  why: string;
}

describe('one-month deadline (Art. 12(3), Reg. 1182/71 art. 3)', () => {
  const cases: Case[] = [
    // Same-numbered day and month ends
    { received: '2026-06-10T10:00:00Z', receipt: '2026-06-10', strict: '2026-07-10', legal: '2026-07-10', why: 'plain case: 10 June -> 10 July (a Friday)' },
    { received: '2026-01-31T10:00:00Z', receipt: '2026-01-31', strict: '2026-02-28', legal: '2026-03-02', why: '31 Jan -> 28 Feb 2026 (Sat) -> rolls to Mon 2 Mar' },
    { received: '2028-01-31T10:00:00Z', receipt: '2028-01-31', strict: '2028-02-29', legal: '2028-02-29', why: 'leap year: 31 Jan -> 29 Feb 2028 (Tue)' },
    { received: '2028-01-30T10:00:00Z', receipt: '2028-01-30', strict: '2028-02-29', legal: '2028-02-29', why: 'leap year: 30 Jan -> 29 Feb 2028' },
    { received: '2028-01-29T10:00:00Z', receipt: '2028-01-29', strict: '2028-02-29', legal: '2028-02-29', why: 'leap year: 29 Jan -> 29 Feb exists' },
    { received: '2027-01-29T10:00:00Z', receipt: '2027-01-29', strict: '2027-02-28', legal: '2027-03-01', why: 'non-leap: 29 Jan -> 28 Feb 2027 (Sun) -> Mon 1 Mar' },
    { received: '2027-01-30T10:00:00Z', receipt: '2027-01-30', strict: '2027-02-28', legal: '2027-03-01', why: 'non-leap: 30 Jan -> 28 Feb 2027 (Sun) -> Mon 1 Mar' },
    { received: '2027-01-31T10:00:00Z', receipt: '2027-01-31', strict: '2027-02-28', legal: '2027-03-01', why: 'non-leap: 31 Jan -> 28 Feb 2027 (Sun) -> Mon 1 Mar' },
    { received: '2026-08-31T10:00:00Z', receipt: '2026-08-31', strict: '2026-09-30', legal: '2026-09-30', why: '31 Aug -> 30 Sep (Wed)' },
    { received: '2026-03-31T10:00:00Z', receipt: '2026-03-31', strict: '2026-04-30', legal: '2026-04-30', why: '31 Mar -> 30 Apr (Thu)' },
    { received: '2026-03-05T10:00:00Z', receipt: '2026-03-05', strict: '2026-04-05', legal: '2026-04-07', why: '5 Mar -> 5 Apr = Easter Sunday -> Easter Monday -> Tue 7 Apr (chain)' },

    // The receipt day is the Amsterdam calendar date
    { received: '2026-06-14T22:15:00Z', receipt: '2026-06-15', strict: '2026-07-15', legal: '2026-07-15', why: 'summer: 22:15Z is 00:15 CEST on 15 June' },
    { received: '2026-06-14T21:59:59Z', receipt: '2026-06-14', strict: '2026-07-14', legal: '2026-07-14', why: 'summer: 21:59:59Z is still 23:59:59 CEST on 14 June' },
    { received: '2026-01-14T23:00:00Z', receipt: '2026-01-15', strict: '2026-02-15', legal: '2026-02-16', why: 'winter: 23:00Z is 00:00 CET on 15 Jan; 15 Feb is a Sunday' },
    { received: '2026-01-14T22:59:59Z', receipt: '2026-01-14', strict: '2026-02-14', legal: '2026-02-16', why: 'winter: 22:59:59Z is 23:59:59 CET on 14 Jan; 14 Feb is a Saturday' },

    // DST start: last Sunday of March 2026 is 29 March, 02:00 CET -> 03:00 CEST at 01:00Z
    { received: '2026-03-28T22:59:59Z', receipt: '2026-03-28', strict: '2026-04-28', legal: '2026-04-28', why: 'DST start: 23:59:59 CET on Sat 28 Mar' },
    { received: '2026-03-28T23:00:00Z', receipt: '2026-03-29', strict: '2026-04-29', legal: '2026-04-29', why: 'DST start: 00:00 CET on 29 Mar' },
    { received: '2026-03-29T00:59:59Z', receipt: '2026-03-29', strict: '2026-04-29', legal: '2026-04-29', why: 'DST start: 01:59:59 CET, last second before the jump' },
    { received: '2026-03-29T01:00:00Z', receipt: '2026-03-29', strict: '2026-04-29', legal: '2026-04-29', why: 'DST start: 03:00 CEST, first second after the jump' },
    { received: '2026-03-29T02:30:00+01:00', receipt: '2026-03-29', strict: '2026-04-29', legal: '2026-04-29', why: 'a wall time that does not exist locally, but the offset makes it an exact instant' },
    { received: '2026-03-29T21:59:59Z', receipt: '2026-03-29', strict: '2026-04-29', legal: '2026-04-29', why: 'DST start day: 23:59:59 CEST is 21:59:59Z' },
    { received: '2026-03-29T22:00:00Z', receipt: '2026-03-30', strict: '2026-04-30', legal: '2026-04-30', why: 'DST start day: 22:00Z is already 00:00 CEST on 30 Mar' },

    // DST end: last Sunday of October 2026 is 25 October, 03:00 CEST -> 02:00 CET at 01:00Z
    { received: '2026-10-24T21:59:59Z', receipt: '2026-10-24', strict: '2026-11-24', legal: '2026-11-24', why: 'DST end: 23:59:59 CEST on 24 Oct' },
    { received: '2026-10-24T22:00:00Z', receipt: '2026-10-25', strict: '2026-11-25', legal: '2026-11-25', why: 'DST end: 00:00 CEST on 25 Oct' },
    { received: '2026-10-25T00:30:00Z', receipt: '2026-10-25', strict: '2026-11-25', legal: '2026-11-25', why: 'DST end: first 02:30 (CEST)' },
    { received: '2026-10-25T01:30:00Z', receipt: '2026-10-25', strict: '2026-11-25', legal: '2026-11-25', why: 'DST end: second 02:30 (CET)' },
    { received: '2026-10-25T02:30:00+01:00', receipt: '2026-10-25', strict: '2026-11-25', legal: '2026-11-25', why: 'ambiguous wall time made exact by its offset' },
    { received: '2026-10-25T22:59:59Z', receipt: '2026-10-25', strict: '2026-11-25', legal: '2026-11-25', why: 'DST end day: 23:59:59 CET is 22:59:59Z' },
    { received: '2026-10-25T23:00:00Z', receipt: '2026-10-26', strict: '2026-11-26', legal: '2026-11-26', why: 'DST end day: 23:00Z is 00:00 CET on 26 Oct' },

    // Other offsets
    { received: '2026-06-15T03:00:00+05:30', receipt: '2026-06-14', strict: '2026-07-14', legal: '2026-07-14', why: '+05:30: 15 June in India is 23:30 CEST on 14 June in Amsterdam' },
    { received: '2026-06-14T16:30:00-08:00', receipt: '2026-06-15', strict: '2026-07-15', legal: '2026-07-15', why: '-08:00: 14 June in California is 02:30 CEST on 15 June' },

    // Atw art. 3 holidays roll the deadline forward
    { received: '2026-03-03T10:00:00Z', receipt: '2026-03-03', strict: '2026-04-03', legal: '2026-04-07', why: 'Goede Vrijdag 3 Apr 2026, then weekend and Tweede Paasdag -> Tue 7 Apr' },
    { received: '2028-03-14T10:00:00Z', receipt: '2028-03-14', strict: '2028-04-14', legal: '2028-04-18', why: 'Goede Vrijdag 14 Apr 2028 (Easter 16 Apr) -> Tue 18 Apr' },
    { received: '2028-03-17T10:00:00Z', receipt: '2028-03-17', strict: '2028-04-17', legal: '2028-04-18', why: 'Tweede Paasdag Mon 17 Apr 2028 -> Tue 18 Apr' },
    { received: '2026-03-27T10:00:00Z', receipt: '2026-03-27', strict: '2026-04-27', legal: '2026-04-28', why: 'Koningsdag Mon 27 Apr 2026 -> Tue 28 Apr' },
    { received: '2028-03-27T10:00:00Z', receipt: '2028-03-27', strict: '2028-04-27', legal: '2028-05-01', why: 'Koningsdag Thu 27 Apr 2028, decree day Fri 28 Apr, weekend -> Mon 1 May (not a holiday)' },
    { received: '2026-04-05T10:00:00Z', receipt: '2026-04-05', strict: '2026-05-05', legal: '2026-05-06', why: '5 May counts every year (2026 is no lustrum year): Tue -> Wed 6 May' },
    { received: '2027-04-05T10:00:00Z', receipt: '2027-04-05', strict: '2027-05-05', legal: '2027-05-10', why: '5 May 2027 (Wed), Ascension Thu 6, decree Fri 7, weekend -> Mon 10 May' },
    { received: '2026-04-14T10:00:00Z', receipt: '2026-04-14', strict: '2026-05-14', legal: '2026-05-18', why: 'Hemelvaartsdag Thu 14 May 2026 + decree day Fri 15 May + weekend -> Mon 18 May' },
    { received: '2026-04-15T10:00:00Z', receipt: '2026-04-15', strict: '2026-05-15', legal: '2026-05-18', why: 'decree day Fri 15 May 2026 (Atw art. 3(3)) -> Mon 18 May' },
    { received: '2026-04-25T10:00:00Z', receipt: '2026-04-25', strict: '2026-05-25', legal: '2026-05-26', why: 'Tweede Pinksterdag Mon 25 May 2026 -> Tue 26 May' },
    { received: '2025-11-25T10:00:00Z', receipt: '2025-11-25', strict: '2025-12-25', legal: '2025-12-29', why: 'Eerste Kerstdag Thu 2025, Tweede Kerstdag Fri, weekend -> Mon 29 Dec' },
    { received: '2025-11-26T10:00:00Z', receipt: '2025-11-26', strict: '2025-12-26', legal: '2025-12-29', why: 'Tweede Kerstdag Fri 26 Dec 2025, weekend -> Mon 29 Dec' },
    { received: '2028-11-25T10:00:00Z', receipt: '2028-11-25', strict: '2028-12-25', legal: '2028-12-27', why: 'Christmas Mon 25 and Tue 26 Dec 2028 -> Wed 27 Dec' },
    { received: '2024-11-27T10:00:00Z', receipt: '2024-11-27', strict: '2024-12-27', legal: '2024-12-30', why: 'decree day Fri 27 Dec 2024 -> Mon 30 Dec' },
    { received: '2025-12-01T10:00:00Z', receipt: '2025-12-01', strict: '2026-01-01', legal: '2026-01-05', why: 'Nieuwjaarsdag Thu 2026, decree day Fri 2 Jan, weekend -> Mon 5 Jan' },
    { received: '2025-12-02T10:00:00Z', receipt: '2025-12-02', strict: '2026-01-02', legal: '2026-01-05', why: 'decree day Fri 2 Jan 2026 -> Mon 5 Jan' },
    { received: '2028-12-01T10:00:00Z', receipt: '2028-12-01', strict: '2029-01-01', legal: '2029-01-02', why: 'Nieuwjaarsdag Mon 2029 -> Tue 2 Jan' },
    { received: '2026-04-01T10:00:00Z', receipt: '2026-04-01', strict: '2026-05-01', legal: '2026-05-01', why: '1 May (Fri 2026) is NOT a Dutch holiday: no roll' },
    { received: '2026-11-28T10:00:00Z', receipt: '2026-11-28', strict: '2026-12-28', legal: '2026-12-28', why: 'Mon 28 Dec 2026 is a working day' },
  ];

  it.each(cases)('$received -> $legal: $why', ({ received, receipt, strict, legal }) => {
    const d = computeDeadlines(received);
    expect(d.receiptDate).toBe(receipt);
    expect(d.initial).toEqual({ strict, legal });
  });
});

describe('extended deadline: receipt + 3 months in one step', () => {
  const cases: Case[] = [
    { received: '2026-01-31T10:00:00Z', receipt: '2026-01-31', strict: '2026-04-30', legal: '2026-04-30', why: '31 Jan -> 30 Apr, not 28 Feb + 2 months = 28 Apr' },
    { received: '2025-11-30T10:00:00Z', receipt: '2025-11-30', strict: '2026-02-28', legal: '2026-03-02', why: '30 Nov -> 28 Feb 2026 (Sat) -> Mon 2 Mar' },
    { received: '2027-11-30T10:00:00Z', receipt: '2027-11-30', strict: '2028-02-29', legal: '2028-02-29', why: '30 Nov -> 29 Feb in leap year 2028 (Tue)' },
    { received: '2026-11-29T10:00:00Z', receipt: '2026-11-29', strict: '2027-02-28', legal: '2027-03-01', why: '29 Nov -> 28 Feb 2027 (Sun) -> Mon 1 Mar' },
    { received: '2026-03-31T10:00:00Z', receipt: '2026-03-31', strict: '2026-06-30', legal: '2026-06-30', why: '31 Mar -> 30 Jun (Tue)' },
    { received: '2026-05-31T10:00:00Z', receipt: '2026-05-31', strict: '2026-08-31', legal: '2026-08-31', why: '31 May -> 31 Aug (Mon): day exists, no constraining' },
    { received: '2026-02-14T10:00:00Z', receipt: '2026-02-14', strict: '2026-05-14', legal: '2026-05-18', why: 'lands on Hemelvaartsdag 2026 -> decree day -> weekend -> Mon 18 May' },
    { received: '2026-06-14T22:15:00Z', receipt: '2026-06-15', strict: '2026-09-15', legal: '2026-09-15', why: 'counted from the Amsterdam receipt date (15 June), not the UTC date' },
  ];

  it.each(cases)('$received -> $legal: $why', ({ received, receipt, strict, legal }) => {
    const d = computeDeadlines(received);
    expect(d.receiptDate).toBe(receipt);
    expect(d.extended).toEqual({ strict, legal });
  });

  it('deadlineFor(3) returns the extended dates', () => {
    expect(deadlineFor('2025-11-30T10:00:00Z', 3)).toEqual({
      receivedAt: '2025-11-30T10:00:00Z',
      receiptDate: '2025-11-30',
      strict: '2026-02-28',
      legal: '2026-03-02',
      deadline: '2026-03-02',
    });
  });

  it('deadlineFor rejects months other than 1 and 3', () => {
    expect(() => deadlineFor('2026-01-31T10:00:00Z', 2 as 1)).toThrow(RangeError);
  });
});

describe('roll-forward off', () => {
  it.each([
    { received: '2026-01-31T10:00:00Z', months: 1 as const, strict: '2026-02-28', why: 'Sat 28 Feb stays' },
    { received: '2026-03-03T10:00:00Z', months: 1 as const, strict: '2026-04-03', why: 'Goede Vrijdag stays' },
    { received: '2025-11-30T10:00:00Z', months: 3 as const, strict: '2026-02-28', why: 'extended: Sat 28 Feb stays' },
  ])('$received +$months: $why', ({ received, months, strict }) => {
    const d = deadlineFor(received, months, { rollForward: false });
    expect(d).toMatchObject({ strict, legal: strict, deadline: strict });
    const all = computeDeadlines(received, { rollForward: false });
    expect(all.initial.legal).toBe(all.initial.strict);
    expect(all.extended.legal).toBe(all.extended.strict);
  });

  it('defaults are Europe/Amsterdam, roll forward on, identity pause off', () => {
    expect(DEFAULT_DEADLINE_SETTINGS).toEqual({ timeZone: 'Europe/Amsterdam', rollForward: true, identityPause: false });
  });
});

describe('receipt instants', () => {
  it.each([
    { input: '2026-06-14T22:15:00Z', expected: '2026-06-14T22:15:00Z', why: 'UTC' },
    { input: '2026-06-14T22:15:00z', expected: '2026-06-14T22:15:00Z', why: 'lower-case z' },
    { input: '2026-06-15T03:00:00+05:30', expected: '2026-06-14T21:30:00Z', why: 'positive offset normalized to UTC' },
    { input: '2026-06-14T16:30:00-08:00', expected: '2026-06-15T00:30:00Z', why: 'negative offset normalized to UTC' },
    { input: '2026-06-14T22:15:00.123Z', expected: '2026-06-14T22:15:00.123Z', why: 'fractions kept' },
  ])('accepts $input ($why)', ({ input, expected }) => {
    expect(parseReceiptInstant(input).toString()).toBe(expected);
    expect(computeDeadlines(input).receivedAt).toBe(expected);
  });

  it.each([
    { input: '2026-06-14T22:15:00', why: 'local date-time without offset' },
    { input: '2026-06-14T22:15', why: 'no seconds, no offset' },
    { input: '2026-06-14', why: 'a bare date' },
    { input: '2026-06-14T22:15:00[Europe/Amsterdam]', why: 'a zone name is not an offset' },
  ])('rejects $input: $why', ({ input }) => {
    expect(() => computeDeadlines(input)).toThrow(InvalidInstantError);
    expect(() => parseReceiptInstant(input)).toThrow(/no UTC offset/);
  });

  it.each([
    { input: 'garbage', why: 'not a date' },
    { input: '', why: 'empty' },
    { input: '2026-02-30T10:00:00Z', why: 'no such day' },
    { input: '2026-13-01T10:00:00Z', why: 'no such month' },
    { input: '2026-06-14T25:00:00Z', why: 'no such hour' },
    { input: ' 2026-06-14T22:15:00Z', why: 'leading space' },
    { input: 1718403300000 as unknown as string, why: 'a number, not a string' },
  ])('rejects $input: $why', ({ input }) => {
    let error: unknown;
    try {
      parseReceiptInstant(input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidInstantError);
    expect((error as InvalidInstantError).code).toBe('invalid_instant');
    expect((error as Error).message).toMatch(/^Invalid instant/);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('Dutch holidays (Algemene termijnenwet art. 3)', () => {
  it('lists 2026 completely, with Dutch names', () => {
    expect(dutchHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Nieuwjaarsdag' },
      { date: '2026-01-02', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
      { date: '2026-04-03', name: 'Goede Vrijdag' },
      { date: '2026-04-06', name: 'Tweede Paasdag' },
      { date: '2026-04-27', name: 'Koningsdag' },
      { date: '2026-05-05', name: 'Bevrijdingsdag' },
      { date: '2026-05-14', name: 'Hemelvaartsdag' },
      { date: '2026-05-15', name: 'Gelijkgestelde dag (Atw art. 3 lid 3)' },
      { date: '2026-05-25', name: 'Tweede Pinksterdag' },
      { date: '2026-12-25', name: 'Eerste Kerstdag' },
      { date: '2026-12-26', name: 'Tweede Kerstdag' },
    ]);
  });

  it.each([
    { year: 2016, easter: '2016-03-27' },
    { year: 2019, easter: '2019-04-21' },
    { year: 2023, easter: '2023-04-09' },
    { year: 2024, easter: '2024-03-31' },
    { year: 2025, easter: '2025-04-20' },
    { year: 2026, easter: '2026-04-05' },
    { year: 2027, easter: '2027-03-28' },
    { year: 2028, easter: '2028-04-16' },
    { year: 2038, easter: '2038-04-25' },
    { year: 2285, easter: '2285-03-22' },
  ])('Easter $year is $easter', ({ year, easter }) => {
    expect(easterSunday(year).toString()).toBe(easter);
  });

  it.each([
    { year: 2025, date: '2025-04-26', notDate: '2025-04-27', why: '27 Apr 2025 is a Sunday -> Koningsdag on Sat 26 Apr' },
    { year: 2026, date: '2026-04-27', notDate: '2026-04-26', why: '27 Apr 2026 is a Monday' },
    { year: 2030, date: '2030-04-27', notDate: '2030-04-26', why: '27 Apr 2030 is a Saturday: not moved' },
  ])('Koningsdag $year: $why', ({ year, date, notDate }) => {
    const days = dutchHolidays(year);
    expect(days).toContainEqual({ date, name: 'Koningsdag' });
    expect(days.map((h) => h.date)).not.toContain(notDate);
  });

  it.each([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030])('%i: 5 May is a holiday and 1 May is not', (year) => {
    const dates = dutchHolidays(year).map((h) => h.date);
    expect(dates).toContain(`${year}-05-05`);
    expect(dates).not.toContain(`${year}-05-01`);
  });

  it('merges two holidays on one date (Ascension on 5 May 2016)', () => {
    expect(dutchHolidays(2016)).toContainEqual({ date: '2016-05-05', name: 'Bevrijdingsdag / Hemelvaartsdag' });
  });

  it.each(DECREE_DAYS.map((d) => d.date))('decree day %s is a non-working day in its year', (date) => {
    expect(isNonWorkingDay(date)).toBe(true);
    expect(dutchHolidays(Number(date.slice(0, 4))).map((h) => h.date)).toContain(date);
  });

  it.each([
    { date: '2026-05-01', expected: false, why: '1 May (Fri) is a working day' },
    { date: '2026-05-04', expected: false, why: 'an ordinary Monday' },
    { date: '2026-02-28', expected: true, why: 'Saturday' },
    { date: '2026-03-01', expected: true, why: 'Sunday' },
    { date: '2026-04-03', expected: true, why: 'Goede Vrijdag' },
    { date: '2026-04-06', expected: true, why: 'Tweede Paasdag' },
    { date: '2026-04-05', expected: true, why: 'Easter Sunday (a Sunday)' },
    { date: '2026-05-05', expected: true, why: 'Bevrijdingsdag in a non-lustrum year' },
    { date: '2026-05-14', expected: true, why: 'Hemelvaartsdag' },
    { date: '2026-05-25', expected: true, why: 'Tweede Pinksterdag' },
    { date: '2026-12-24', expected: false, why: 'Christmas Eve is a working day' },
    { date: '2026-12-31', expected: false, why: "New Year's Eve is a working day" },
    { date: '2027-05-07', expected: true, why: 'decree day after Ascension 2027' },
    { date: '2027-05-08', expected: true, why: 'Saturday' },
  ])('isNonWorkingDay($date) = $expected: $why', ({ date, expected }) => {
    expect(isNonWorkingDay(date)).toBe(expected);
  });

  it.each([
    { date: '2026-04-03', expected: '2026-04-07', why: 'Good Friday, weekend, Easter Monday' },
    { date: '2028-04-27', expected: '2028-05-01', why: 'Koningsdag, decree day, weekend; 1 May is a working day' },
    { date: '2026-07-15', expected: '2026-07-15', why: 'a working day stays' },
    { date: '2026-12-25', expected: '2026-12-28', why: 'Christmas Fri, Tweede Kerstdag Sat, Sun' },
  ])('rollForward($date) = $expected: $why', ({ date, expected }) => {
    expect(rollForward(date)).toBe(expected);
  });

  it.each(['2026-02-30', '2026-2-3', '2026-02-03T10:00', 'soon'])('rejects the date %s', (date) => {
    expect(() => rollForward(date)).toThrow(InvalidDateError);
    expect(() => isNonWorkingDay(date)).toThrow(InvalidDateError);
  });
});

describe('endOfDay', () => {
  it.each([
    { date: '2026-07-15', expected: '2026-07-15T21:59:59.999Z', why: 'summer time, UTC+2' },
    { date: '2026-01-15', expected: '2026-01-15T22:59:59.999Z', why: 'winter time, UTC+1' },
    { date: '2026-03-29', expected: '2026-03-29T21:59:59.999Z', why: 'DST start day ends in CEST' },
    { date: '2026-10-25', expected: '2026-10-25T22:59:59.999Z', why: 'DST end day ends in CET' },
  ])('$date -> $expected ($why)', ({ date, expected }) => {
    expect(endOfDay(date)).toBe(expected);
  });
});

describe('daysLeft', () => {
  it.each([
    { deadline: '2026-07-15', now: '2026-06-15T08:00:00Z', expected: 30, why: 'a month out' },
    { deadline: '2026-07-15', now: '2026-07-14T21:59:59Z', expected: 1, why: '23:59:59 CEST on the 14th' },
    { deadline: '2026-07-15', now: '2026-07-14T22:00:00Z', expected: 0, why: 'midnight Amsterdam: due today although still the 14th in UTC' },
    { deadline: '2026-07-15', now: '2026-07-15T21:59:59Z', expected: 0, why: 'last second of the deadline day' },
    { deadline: '2026-07-15', now: '2026-07-15T22:00:00Z', expected: -1, why: 'one day overdue' },
    { deadline: '2026-03-30', now: '2026-03-28T12:00:00Z', expected: 2, why: 'calendar days across DST start (47 hours)' },
    { deadline: '2026-07-15', now: new Date('2026-07-10T10:00:00Z'), expected: 5, why: 'a Date works too' },
  ])('$deadline at $now: $expected ($why)', ({ deadline, now, expected }) => {
    expect(daysLeft(deadline, now)).toBe(expected);
  });

  it('rejects a "now" without offset', () => {
    expect(() => daysLeft('2026-07-15', '2026-07-10T10:00:00')).toThrow(InvalidInstantError);
  });

  it('isOverdue flips at midnight Amsterdam', () => {
    expect(isOverdue('2026-07-15', '2026-07-15T21:59:59.999Z')).toBe(false);
    expect(isOverdue('2026-07-15', '2026-07-15T22:00:00Z')).toBe(true);
  });
});

describe('canExtend (Art. 12(3): once, within the first month)', () => {
  it.each([
    { legal: '2026-07-15', now: '2026-07-15T21:59:59.999Z', extended: false, ok: true, code: undefined, why: 'last millisecond of the legal day (CEST)' },
    { legal: '2026-07-15', now: '2026-07-15T22:00:00Z', extended: false, ok: false, code: 'extension_window_closed', why: 'midnight Amsterdam: window closed' },
    { legal: '2026-03-02', now: '2026-03-02T22:59:59Z', extended: false, ok: true, code: undefined, why: '23:59:59 CET on the legal day' },
    { legal: '2026-03-02', now: '2026-03-02T23:00:00Z', extended: false, ok: false, code: 'extension_window_closed', why: '00:00 CET the day after' },
    { legal: '2026-03-02', now: '2026-03-01T12:00:00Z', extended: false, ok: true, code: undefined, why: 'after the strict date (Sat 28 Feb) but before the rolled legal date' },
    { legal: '2026-07-15', now: '2026-06-20T10:00:00Z', extended: true, ok: false, code: 'already_extended', why: 'only one extension' },
    { legal: '2026-07-15', now: '2026-08-01T10:00:00Z', extended: true, ok: false, code: 'already_extended', why: 'already extended takes precedence' },
  ])('$why', ({ legal, now, extended, ok, code }) => {
    const result = canExtend(legal, now, extended);
    expect(result.ok).toBe(ok);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message).toMatch(/Art\. 12\(3\)/);
    }
  });

  it('accepts a Date for now', () => {
    expect(canExtend('2026-07-15', new Date('2026-07-15T12:00:00Z'), false)).toEqual({ ok: true });
  });
});

describe('reminderPoints', () => {
  it('equal strict and legal dates: two reminders and one escalation', () => {
    const d = computeDeadlines('2026-06-14T22:15:00Z'); // 15 Jun -> Wed 15 Jul
    expect(reminderPoints(d, { reminderDaysBefore: [7, 2], extended: false })).toEqual([
      { kind: 'reminder', at: '2026-07-08T07:00:00Z', daysBefore: 7 },
      { kind: 'reminder', at: '2026-07-13T07:00:00Z', daysBefore: 2 },
      { kind: 'legal_deadline', at: '2026-07-15T21:59:59.999Z' },
    ]);
  });

  it('rolled deadline: strict and legal escalations; default days [7, 2]', () => {
    const d = computeDeadlines('2026-01-31T10:00:00Z'); // strict Sat 28 Feb, legal Mon 2 Mar
    expect(reminderPoints(d, { extended: false })).toEqual([
      { kind: 'reminder', at: '2026-02-21T08:00:00Z', daysBefore: 7 },
      { kind: 'reminder', at: '2026-02-26T08:00:00Z', daysBefore: 2 },
      { kind: 'strict_deadline', at: '2026-02-28T22:59:59.999Z' },
      { kind: 'legal_deadline', at: '2026-03-02T22:59:59.999Z' },
    ]);
  });

  it('extended: uses the 3-month pair', () => {
    const d = computeDeadlines('2026-01-31T10:00:00Z'); // extended Thu 30 Apr
    expect(reminderPoints(d, { reminderDaysBefore: [7, 2], extended: true })).toEqual([
      // The one-month legal date (Sat 28 Feb rolled to Mon 2 Mar) still binds a refusal.
      { kind: 'refusal_deadline', at: '2026-03-02T22:59:59.999Z' },
      { kind: 'reminder', at: '2026-04-23T07:00:00Z', daysBefore: 7 },
      { kind: 'reminder', at: '2026-04-28T07:00:00Z', daysBefore: 2 },
      { kind: 'legal_deadline', at: '2026-04-30T21:59:59.999Z' },
    ]);
  });

  it('09:00 follows DST: CET before 29 March, CEST after', () => {
    const d = computeDeadlines('2026-03-03T10:00:00Z'); // strict Good Friday 3 Apr, legal Tue 7 Apr
    expect(reminderPoints(d, { reminderDaysBefore: [7, 2], extended: false })).toEqual([
      { kind: 'reminder', at: '2026-03-27T08:00:00Z', daysBefore: 7 },
      { kind: 'reminder', at: '2026-04-01T07:00:00Z', daysBefore: 2 },
      { kind: 'strict_deadline', at: '2026-04-03T21:59:59.999Z' },
      { kind: 'legal_deadline', at: '2026-04-07T21:59:59.999Z' },
    ]);
  });

  it('sorts, dedupes, allows 0 days and skips reminders before the receipt', () => {
    const d = computeDeadlines('2026-06-14T22:15:00Z');
    expect(reminderPoints(d, { reminderDaysBefore: [0, 40, 14, 0], extended: false })).toEqual([
      { kind: 'reminder', at: '2026-07-01T07:00:00Z', daysBefore: 14 },
      { kind: 'reminder', at: '2026-07-15T07:00:00Z', daysBefore: 0 },
      { kind: 'legal_deadline', at: '2026-07-15T21:59:59.999Z' },
    ]);
  });

  it('rejects negative or fractional days', () => {
    const d = computeDeadlines('2026-06-14T22:15:00Z');
    expect(() => reminderPoints(d, { reminderDaysBefore: [-1], extended: false })).toThrow(RangeError);
    expect(() => reminderPoints(d, { reminderDaysBefore: [1.5], extended: false })).toThrow(RangeError);
  });
});

describe('identity pauses (setting, default off)', () => {
  // Receipt 31 Jan 2026: initial strict Sat 28 Feb / legal Mon 2 Mar; extended Thu 30 Apr (both).
  const base = computeDeadlines('2026-01-31T10:00:00Z');
  const threeDays = [{ start: '2026-02-02T09:00:00+01:00', end: '2026-02-05T17:00:00+01:00' }];
  const on = { identityPause: true };

  it('off by default: returns the input unchanged', () => {
    expect(applyIdentityPauses(base, threeDays)).toBe(base);
    expect(applyIdentityPauses(base, threeDays, { identityPause: false })).toBe(base);
  });

  it.each([
    {
      pauses: threeDays,
      days: 3,
      initialLegal: '2026-03-05',
      extendedLegal: '2026-05-04',
      why: '2->5 Feb = 3 days: Mon 2 Mar + 3 = Thu 5 Mar; 30 Apr + 3 = Sun 3 May -> Mon 4 May',
    },
    {
      pauses: [...threeDays, { start: '2026-02-04T08:00:00+01:00', end: '2026-02-06T12:00:00+01:00' }],
      days: 4,
      initialLegal: '2026-03-06',
      extendedLegal: '2026-05-04',
      why: 'overlapping pauses count each day once (2->6 Feb = 4 days): Fri 6 Mar; 30 Apr + 4 = Mon 4 May',
    },
    {
      pauses: [{ start: '2026-02-02T09:00:00+01:00', end: '2026-02-07T09:00:00+01:00' }],
      days: 5,
      initialLegal: '2026-03-09',
      extendedLegal: '2026-05-06',
      why: '5 days: Mon 2 Mar + 5 = Sat 7 Mar -> Mon 9 Mar; 30 Apr + 5 = 5 May (Bevrijdingsdag) -> Wed 6 May',
    },
    {
      pauses: [{ start: '2026-02-10T22:30:00Z', end: '2026-02-10T23:30:00Z' }],
      days: 1,
      initialLegal: '2026-03-03',
      extendedLegal: '2026-05-01',
      why: 'one hour over Amsterdam midnight (23:30 -> 00:30 CET) is 1 calendar day; 1 May is a working day',
    },
  ])('moves only the legal dates: $why', ({ pauses, days, initialLegal, extendedLegal }) => {
    expect(pausedDays(pauses)).toBe(days);
    const adjusted = applyIdentityPauses(base, pauses, on);
    expect(adjusted.initial).toEqual({ strict: '2026-02-28', legal: initialLegal });
    expect(adjusted.extended).toEqual({ strict: '2026-04-30', legal: extendedLegal });
    expect(adjusted.receiptDate).toBe(base.receiptDate);
    expect(adjusted.receivedAt).toBe(base.receivedAt);
    // Derived from the strict date, which never moves: applying again changes nothing.
    expect(applyIdentityPauses(adjusted, pauses, on)).toEqual(adjusted);
  });

  it('a pause inside one Amsterdam day counts 0 days, even across UTC midnight', () => {
    const pauses = [{ start: '2026-02-10T23:30:00Z', end: '2026-02-11T08:00:00Z' }];
    expect(pausedDays(pauses)).toBe(0);
    expect(applyIdentityPauses(base, pauses, on)).toBe(base);
  });

  it('counts Amsterdam calendar days across DST start', () => {
    expect(pausedDays([{ start: '2026-03-28T12:00:00Z', end: '2026-03-30T12:00:00Z' }])).toBe(2);
  });

  it('without roll-forward the moved legal date is not rolled either', () => {
    const settings = { identityPause: true, rollForward: false };
    const plain = computeDeadlines('2026-01-31T10:00:00Z', settings);
    const adjusted = applyIdentityPauses(plain, [{ start: '2026-02-10T12:00:00+01:00', end: '2026-02-11T12:00:00+01:00' }], settings);
    expect(adjusted.initial).toEqual({ strict: '2026-02-28', legal: '2026-03-01' }); // Sunday, kept
    expect(adjusted.extended).toEqual({ strict: '2026-04-30', legal: '2026-05-01' });
  });

  it('rejects a pause that ends before it starts, or has no offset', () => {
    expect(() => applyIdentityPauses(base, [{ start: '2026-02-05T10:00:00Z', end: '2026-02-04T10:00:00Z' }], on)).toThrow(
      InvalidPauseError,
    );
    expect(() => applyIdentityPauses(base, [{ start: '2026-02-05T10:00:00', end: '2026-02-06T10:00:00Z' }], on)).toThrow(
      InvalidInstantError,
    );
  });
});

describe('refusal deadline (Art. 12(4))', () => {
  it('is the one-month legal date, extended or not, and a refusal after its last Amsterdam second is late', () => {
    const d = computeDeadlines('2026-01-31T10:00:00Z'); // one month: Sat 28 Feb rolls to Mon 2 Mar
    expect(refusalDeadline(d)).toBe('2026-03-02');
    expect(refusalDeadline(d)).toBe(d.initial.legal);
    expect(isLateRefusal(d, '2026-03-02T22:59:59Z')).toBe(false);
    expect(isLateRefusal(d, '2026-03-02T23:00:00Z')).toBe(true);
  });
});
