import { describe, expect, it } from 'vitest';
import { purgeExpiredRecords, type ClosedRecords, type RetentionPurgeResult } from '../../../functions/retention/purge-expired.js';

/** The retention index in memory: closures in order, paged as DynamoDB pages a query. */
function inMemoryRecords(closures: Array<{ closedAt: string; requestId: string }>) {
  const purged: string[] = [];
  const records: ClosedRecords = {
    async closedBefore(below, limit, start) {
      const matching = closures.filter(({ closedAt, requestId }) => `${closedAt}#${requestId}` < below);
      const from = start ? Number(start.offset) : 0;
      const page = matching.slice(from, from + limit);
      return { closures: page, next: from + limit < matching.length ? { offset: from + limit } : undefined };
    },
    async purge(requestId) {
      purged.push(requestId);
      return 3;
    },
  };
  return { records, purged };
}

const fresh = (): RetentionPurgeResult => ({ retentionYears: 5, requestsPurged: 0, itemsDeleted: 0, requestIds: [], complete: true });
const at = new Date('2032-03-01T12:00:00Z');

describe('purging expired request records', () => {
  it('purges every record past retention across pages, and keeps the ones within it', async () => {
    const { records, purged } = inMemoryRecords([
      { closedAt: '2026-01-10T09:00:00.000Z', requestId: 'dsr_a' },
      { closedAt: '2026-05-10T09:00:00.000Z', requestId: 'dsr_b' },
      { closedAt: '2027-02-28T09:00:00.000Z', requestId: 'dsr_c' },
      { closedAt: '2027-03-02T09:00:00.000Z', requestId: 'dsr_d' },
    ]);
    const result = fresh();
    await purgeExpiredRecords(records, { years: 5, at, pageSize: 1, reserveMs: 0, timeLeft: () => Infinity }, result);
    expect(purged).toEqual(['dsr_a', 'dsr_b', 'dsr_c']);
    expect(result).toEqual({ retentionYears: 5, requestsPurged: 3, itemsDeleted: 9, requestIds: ['dsr_a', 'dsr_b', 'dsr_c'], complete: true });
  });

  it('stops before its reserve of time and says the run is incomplete', async () => {
    const { records, purged } = inMemoryRecords([
      { closedAt: '2026-01-10T09:00:00.000Z', requestId: 'dsr_a' },
      { closedAt: '2026-01-11T09:00:00.000Z', requestId: 'dsr_b' },
    ]);
    let left = 20_000;
    const result = fresh();
    await purgeExpiredRecords(records, { years: 5, at, pageSize: 25, reserveMs: 15_000, timeLeft: () => (left -= 4_000) }, result);
    expect(purged).toEqual(['dsr_a']);
    expect(result).toMatchObject({ requestsPurged: 1, requestIds: ['dsr_a'], complete: false });
  });
});
