import { describe, expect, it } from 'vitest';
import {
  budgetFrom,
  classify,
  decodeCursor,
  encodeCursor,
  InvalidCursorError,
  settingsFromEnv,
  sortsAfter,
  StoreUnavailableError,
} from '../../../functions/connectors/index.js';
import { forEachLimit, mapLimit } from '../../../functions/connectors/pool.js';
import { isoDate, laterDate, retainedUntil } from '../../../functions/connectors/retention.js';

describe('cursor', () => {
  it('round-trips a position as an opaque base64url string', () => {
    const cursor = encodeCursor({ part: 3, after: 'log#2026-01-01T00:00:00.000Z#000042' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ part: 3, after: 'log#2026-01-01T00:00:00.000Z#000042' });
  });

  it('starts at part 0 without a cursor and rejects one it did not write', () => {
    expect(decodeCursor(null)).toEqual({ part: 0 });
    expect(() => decodeCursor('not-a-cursor')).toThrow(InvalidCursorError);
    expect(() => decodeCursor(Buffer.from('{"part":-1}').toString('base64url'))).toThrow(InvalidCursorError);
  });

  it('orders keys as the stores do: numbers by value, strings by UTF-8 bytes, every key after none', () => {
    expect(sortsAfter(10, 9)).toBe(true);
    expect(sortsAfter(9, 10)).toBe(false);
    expect(sortsAfter('log#2', 'log#10')).toBe(true);
    expect(sortsAfter('a', 'a')).toBe(false);
    expect(sortsAfter('a', undefined)).toBe(true);
    // U+FF5E sorts before U+1F600 in UTF-8, after it in UTF-16 code units.
    expect(sortsAfter('\u{1F600}', '\uFF5E')).toBe(true);
    expect(sortsAfter('\uFF5E', '\u{1F600}')).toBe(false);
  });
});

describe('retention', () => {
  it('adds the retention years to the newest date, 29 February to 28 February', () => {
    expect(retainedUntil('2025-03-31', 7)).toBe('2032-03-31');
    expect(retainedUntil('2024-02-29', 7)).toBe('2031-02-28');
  });

  it('counts from the end of the financial year when the rule says so (art. 52 AWR)', () => {
    expect(retainedUntil('2026-03-10', 7, 'end_of_financial_year')).toBe('2033-12-31');
    expect(retainedUntil('2026-12-31', 7, 'end_of_financial_year')).toBe('2033-12-31');
  });

  it('reads dates and date-times, and ignores what is not a date', () => {
    expect(isoDate('2025-06-01T10:00:00.000Z')).toBe('2025-06-01');
    expect(isoDate('soon')).toBeUndefined();
    expect(isoDate(20250601)).toBeUndefined();
    expect(laterDate(undefined, '2025-01-01')).toBe('2025-01-01');
    expect(laterDate('2025-02-01', '2025-01-01')).toBe('2025-02-01');
  });
});

describe('budget', () => {
  it('keeps back the larger of the minimum and the share of the starting time', () => {
    let remaining = 100_000;
    const budget = budgetFrom({ getRemainingTimeInMillis: () => remaining }, { minMarginMs: 5_000, marginFraction: 0.15 });
    remaining = 15_001;
    expect(budget.exhausted()).toBe(false);
    remaining = 14_999;
    expect(budget.exhausted()).toBe(true);
  });

  it('ends once the invocation is given up (its abort signal fired), with time left', () => {
    const givenUp = new AbortController();
    const budget = budgetFrom({ getRemainingTimeInMillis: () => 100_000 }, { minMarginMs: 5_000, marginFraction: 0.15 }, givenUp.signal);
    expect(budget.exhausted()).toBe(false);
    givenUp.abort();
    expect(budget.exhausted()).toBe(true);
    expect(budget.signal).toBe(givenUp.signal);
  });

  it('lets every AWS call in flight listen on its abort signal without a MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const budget = budgetFrom({ getRemainingTimeInMillis: () => 100_000 }, { minMarginMs: 5_000, marginFraction: 0.15 }, new AbortController().signal);
      // 8 batches or copies in flight, each SDK call with its retry's and its HTTP handler's listener.
      for (let i = 0; i < 24; i += 1) budget.signal!.addEventListener('abort', () => {});
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('gives a context without a clock a fixed time', () => {
    expect(budgetFrom(undefined, { minMarginMs: 5_000, marginFraction: 0.15 }).exhausted()).toBe(false);
  });
});

describe('settings and errors', () => {
  it('reads settings from the environment with defaults', () => {
    expect(settingsFromEnv({})).toMatchObject({ pageSize: undefined, eraseConcurrency: 8, minMarginMs: 5_000, marginFraction: 0.15 });
    expect(settingsFromEnv({ CONNECTOR_PAGE_SIZE: '10', CONNECTOR_ERASE_CONCURRENCY: '2' })).toMatchObject({
      pageSize: 10,
      eraseConcurrency: 2,
    });
    expect(() => settingsFromEnv({ CONNECTOR_PAGE_SIZE: 'many' })).toThrow(/CONNECTOR_PAGE_SIZE/);
  });

  it('names transient AWS failures StoreUnavailableError and leaves others', () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
    const serverError = Object.assign(new Error('boom'), { $metadata: { httpStatusCode: 503 } });
    const missing = Object.assign(new Error('no table'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    expect(classify(throttled)).toBeInstanceOf(StoreUnavailableError);
    expect(classify(serverError)).toMatchObject({ name: 'StoreUnavailableError', cause: serverError });
    expect(classify(missing)).toBe(missing);
  });
});

describe('pool', () => {
  it('never runs more than the limit at once and keeps result order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (ms) => {
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return ms * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('stops taking items when told, having handled a prefix', async () => {
    const seen: number[] = [];
    const taken = await forEachLimit([1, 2, 3, 4, 5, 6], 3, async (n) => void seen.push(n), { until: (count) => count >= 2 });
    expect(taken).toBe(2);
    expect(seen).toEqual([1, 2]);
  });

  it('stops taking items after a failure and reports it', async () => {
    const seen: number[] = [];
    const failing = forEachLimit([1, 2, 3, 4, 5], 1, async (n) => {
      seen.push(n);
      if (n === 2) throw new Error('two');
    });
    await expect(failing).rejects.toThrow('two');
    expect(seen).toEqual([1, 2]);
  });
});
