import { describe, expect, it } from 'vitest';
import {
  costRows,
  expressGbSeconds,
  formatCostTable,
  gbMonths,
  lambdaGbSeconds,
  PRICES,
  totalCost,
  type RequestUsage,
} from '../../../bin/bench/cost/pricing.js';
import { indexEntryWrites } from '../../../bin/bench/cost/meters.js';

const usage: RequestUsage = {
  transitions: 2_000,
  express: { executions: 500_000, gbSeconds: 1_000 },
  lambda: { invocations: 1_000_000, gbSeconds: 3 },
  emailRecipients: 4,
  dynamodb: { writeUnits: 2_000_000, readUnits: 1_000_000 },
  s3: { putRequests: 1_000, getRequests: 10_000, storedGbMonths: 2 },
  apiRequests: 2_000_000,
};

describe('cost per request (bench section `cost`)', () => {
  it('prices each count at its unit price', () => {
    const costs = Object.fromEntries(costRows(usage).map((row) => [row.price.service, row.cost]));
    expect(costs).toEqual({
      'Step Functions standard': expect.closeTo(0.05, 12),
      'Step Functions express requests': expect.closeTo(0.5, 12),
      'Step Functions express duration': expect.closeTo(0.01667, 12),
      'Lambda requests': expect.closeTo(0.2, 12),
      'Lambda compute (ARM)': expect.closeTo(0.0000400002, 12),
      SES: expect.closeTo(0.0004, 12),
      'DynamoDB on-demand writes': expect.closeTo(1.25, 12),
      'DynamoDB on-demand reads': expect.closeTo(0.125, 12),
      'S3 PUT/COPY/POST/LIST': expect.closeTo(0.005, 12),
      'S3 GET and other': expect.closeTo(0.004, 12),
      'S3 Standard storage': expect.closeTo(0.046, 12),
      'API Gateway REST': expect.closeTo(7, 12),
    });
    expect(totalCost(costRows(usage))).toBeCloseTo(9.1971100002, 10);
  });

  it('keeps the rows in price-table order with the counts it was given', () => {
    const rows = costRows(usage);
    expect(rows.map((row) => row.price)).toEqual(Object.values(PRICES));
    expect(rows.map((row) => row.count)).toEqual([2_000, 500_000, 1_000, 1_000_000, 3, 4, 2_000_000, 1_000_000, 1_000, 10_000, 2, 2_000_000]);
  });

  it('bills Lambda per started millisecond at the configured memory', () => {
    expect(lambdaGbSeconds([])).toBe(0);
    // 100.2 ms at 1024 MB -> 101 ms x 1 GB; 10 ms at 512 MB -> 10 ms x 0.5 GB.
    expect(lambdaGbSeconds([{ memorySize: 1024, durationMs: 100.2 }, { memorySize: 512, durationMs: 10 }])).toBeCloseTo(0.106, 12);
  });

  it('bills Express per started 100 ms at 64 MB, not per transition', () => {
    expect(expressGbSeconds([])).toBe(0);
    // 120 ms -> 200 ms; 1000 ms -> 1000 ms: 1.2 s x 1/16 GB.
    expect(expressGbSeconds([{ durationMs: 120 }, { durationMs: 1000 }])).toBeCloseTo(0.075, 12);
  });

  it('counts storage in GB-months of 30 days', () => {
    expect(gbMonths(2 ** 30, 30)).toBe(1);
    expect(gbMonths(2 ** 29, 15)).toBe(0.25);
  });

  it('prints a Markdown table with a count and a cost per request type and the totals', () => {
    const rows = costRows(usage);
    const table = formatCostTable([
      { name: 'access', rows },
      { name: 'erasure', rows: rows.map((row) => ({ ...row, count: 0, cost: 0 })) },
    ]).split('\n');
    expect(table[0]).toBe('| item | unit price | access: count | access: cost | erasure: count | erasure: cost |');
    expect(table[2]).toBe('| Step Functions standard | $0.025 / 1,000 transitions | 2,000 | $0.050000 | 0 | $0 |');
    expect(table[3]).toBe('| Step Functions express requests | $1.00 / 1,000,000 executions | 500,000 | $0.500000 | 0 | $0 |');
    expect(table[4]).toBe('| Step Functions express duration | $0.00001667 / GB-s | 1,000 | $0.016670 | 0 | $0 |');
    expect(table[5]).toBe('| Lambda requests | $0.20 / 1,000,000 invocations | 1,000,000 | $0.200000 | 0 | $0 |');
    expect(table[6]).toBe('| Lambda compute (ARM) | $0.0000133334 / GB-s | 3 | $0.000040 | 0 | $0 |');
    expect(table).toHaveLength(2 + Object.keys(PRICES).length + 1);
    expect(table.at(-1)).toBe('| **total** |  |  | **$9.197110** |  | **$0** |');
  });
});

describe('index writes the cost meter adds (DynamoDB bills each changed GSI entry)', () => {
  const index = { name: 'byDueDate', keys: ['listPk', 'listSk'], projected: (item: Record<string, unknown>) => item };
  const meta = { pk: 'REQ#1', sk: 'META', listPk: 'OPEN', listSk: '2026-07-01#1', status: 'open' };

  it('counts a put of a new entry, a changed entry and a removed one once, a moved key twice', () => {
    expect(indexEntryWrites(index, undefined, meta)).toBe(1);
    expect(indexEntryWrites(index, meta, { ...meta, status: 'awaiting_review' })).toBe(1);
    expect(indexEntryWrites(index, meta, undefined)).toBe(1);
    expect(indexEntryWrites(index, meta, { ...meta, listPk: 'CLOSED' })).toBe(2);
  });

  it('counts nothing for an unchanged entry or an item outside the index', () => {
    expect(indexEntryWrites(index, meta, { ...meta })).toBe(0);
    const event = { pk: 'REQ#1', sk: 'EVT#1', type: 'received' };
    expect(indexEntryWrites(index, undefined, event)).toBe(0);
    expect(indexEntryWrites(index, event, undefined)).toBe(0);
  });

  it('counts one unit per started KB of the entry (names and values)', () => {
    expect(indexEntryWrites(index, undefined, { ...meta, details: 'x'.repeat(1_900) })).toBe(2);
    expect(indexEntryWrites(index, undefined, { ...meta, details: 'x'.repeat(2_000) })).toBe(3);
  });
});
