/**
 * Retention of the accountability record (gdpr-rules.md §6): N years after closure, in the
 * Europe/Amsterdam calendar. Offsets below were checked against the tz database (CET
 * +01:00, CEST +02:00; DST from the last Sunday of March to the last Sunday of October).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECORD_RETENTION_YEARS,
  expiredClosureBound,
  isRecordExpired,
  isValidRetentionYears,
  recordExpiresAt,
} from '../../../functions/core/retention/index.js';

const expiry = (closedAt: string, years = 5) => recordExpiresAt(closedAt, years).toString();

describe('recordExpiresAt', () => {
  it('keeps the record 5 years by default setting, to the same Amsterdam wall time', () => {
    expect(DEFAULT_RECORD_RETENTION_YEARS).toBe(5);
    // 14:00 CEST in June both years.
    expect(expiry('2026-06-10T12:00:00Z')).toBe('2031-06-10T12:00:00Z');
    // 10:00 CET in January.
    expect(expiry('2026-01-15T09:00:00Z')).toBe('2031-01-15T09:00:00Z');
  });

  it('counts the Amsterdam date, not the UTC one: a closure late on 31 December UTC is 1 January there', () => {
    // 2026-12-31T23:30Z is 2027-01-01 00:30 CET; expiry is 2032-01-01 00:30 CET.
    expect(expiry('2026-12-31T23:30:00Z')).toBe('2031-12-31T23:30:00Z');
    expect(recordExpiresAt('2026-12-31T23:30:00Z', 5).toZonedDateTimeISO('Europe/Amsterdam').toPlainDate().toString()).toBe('2032-01-01');
  });

  it('moves a 29 February closure to 28 February of a common year, and keeps it in a leap year', () => {
    // 29 Feb 2028 10:00 CET -> 28 Feb 2033 10:00 CET (2033 is common).
    expect(expiry('2028-02-29T09:00:00Z')).toBe('2033-02-28T09:00:00Z');
    // 4 years later is a leap year again: 29 Feb 2032.
    expect(expiry('2028-02-29T09:00:00Z', 4)).toBe('2032-02-29T09:00:00Z');
    // 29 Feb 00:30 Amsterdam is 28 Feb 23:30 UTC: the Amsterdam date (29th) counts.
    expect(expiry('2028-02-28T23:30:00Z')).toBe('2033-02-27T23:30:00Z');
  });

  it('keeps the Amsterdam wall time across DST: the UTC offset is that of the expiry date', () => {
    // 28 Mar 2026 10:00 CET (switch 29 Mar); 28 Mar 2031 is before that year's switch (30 Mar): CET.
    expect(expiry('2026-03-28T09:00:00Z')).toBe('2031-03-28T09:00:00Z');
    // 30 Mar 2026 10:00 CEST; 30 Mar 2031 is that year's switch day, and 10:00 is CEST.
    expect(expiry('2026-03-30T08:00:00Z')).toBe('2031-03-30T08:00:00Z');
    // 24 Oct 2026 10:00 CEST (switch 25 Oct); 24 Oct 2031 is before that year's switch (26 Oct): CEST.
    expect(expiry('2026-10-24T08:00:00Z')).toBe('2031-10-24T08:00:00Z');
    // 26 Oct 2026 10:00 CET; 26 Oct 2031 is that year's switch day, and 10:00 is CET.
    expect(expiry('2026-10-26T09:00:00Z')).toBe('2031-10-26T09:00:00Z');
    // 27 Oct 2030 10:00 CET (the switch day); 27 Oct 2035 is before 2035's switch (28 Oct):
    // 10:00 CEST, an hour earlier in UTC.
    expect(expiry('2030-10-27T09:00:00Z')).toBe('2035-10-27T08:00:00Z');
  });

  it('moves a wall time that the spring-forward gap skips forward by the gap, never earlier', () => {
    // 25 Mar 2024 02:30 CET; 25 Mar 2029 is the switch day (02:00 -> 03:00): 03:30 CEST.
    expect(expiry('2024-03-25T01:30:00Z')).toBe('2029-03-25T01:30:00Z');
    // 28 Mar 2022 02:30 CEST (switch 27 Mar); 28 Mar 2027 is the switch day: 03:30 CEST.
    expect(expiry('2022-03-28T00:30:00Z')).toBe('2027-03-28T01:30:00Z');
  });

  it('refuses a retention that is not whole years of at least 1', () => {
    for (const years of [0, -1, 1.5, Number.NaN]) {
      expect(isValidRetentionYears(years)).toBe(false);
      expect(() => recordExpiresAt('2026-06-10T12:00:00Z', years)).toThrow(/whole number of years/);
    }
    expect(isValidRetentionYears('5')).toBe(false);
    expect(isValidRetentionYears(1)).toBe(true);
  });

  it('refuses a closure without an offset', () => {
    expect(() => recordExpiresAt('2026-06-10T12:00:00', 5)).toThrow(/no UTC offset/);
  });
});

describe('isRecordExpired', () => {
  const closedAt = '2026-06-10T12:00:00.000Z';

  it('is false until the expiry instant and true from it on', () => {
    expect(isRecordExpired(closedAt, 5, '2031-06-10T11:59:59.999Z')).toBe(false);
    expect(isRecordExpired(closedAt, 5, '2031-06-10T12:00:00.000Z')).toBe(true);
    expect(isRecordExpired(closedAt, 5, new Date('2031-06-11T12:00:00Z'))).toBe(true);
    expect(isRecordExpired(closedAt, 5, new Date('2031-06-09T12:00:00Z'))).toBe(false);
  });

  it('follows the setting', () => {
    expect(isRecordExpired(closedAt, 1, '2027-06-10T12:00:00Z')).toBe(true);
    expect(isRecordExpired(closedAt, 10, '2031-06-11T12:00:00Z')).toBe(false);
  });
});

describe('expiredClosureBound', () => {
  it('is now minus the years plus two days, as toISOString text', () => {
    expect(expiredClosureBound('2031-06-10T12:00:00Z', 5)).toBe('2026-06-12T12:00:00.000Z');
  });

  it('bounds every expired closure: a closure after it has not expired', () => {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * 24 * 3600 * 1000 }), fc.integer({ min: 1, max: 12 }), (closed, extra, years) => {
        const closedAt = closed.toISOString();
        const now = new Date(recordExpiresAt(closedAt, years).epochMilliseconds + extra - 20 * 24 * 3600 * 1000);
        if (isRecordExpired(closedAt, years, now)) expect(closedAt <= expiredClosureBound(now, years)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('covers the leap-day closure whose expiry comes a day early', () => {
    // Closed 29 Feb 2028 12:00 CET, expires 28 Feb 2033 12:00 CET.
    const now = '2033-02-28T11:00:00Z';
    expect(isRecordExpired('2028-02-29T11:00:00.000Z', 5, now)).toBe(true);
    expect('2028-02-29T11:00:00.000Z' <= expiredClosureBound(now, 5)).toBe(true);
  });
});
