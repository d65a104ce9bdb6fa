import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseQueueQuery, queuePage, type ListPage } from '../../../functions/admin/queue.js';
import type { DsrRequestRecord } from '../../../functions/core/request/model.js';
import { HttpError } from '../../../functions/shared/http/errors.js';
import { listCursor } from '../../../functions/shared/list-cursor.js';

const NOW = new Date('2026-03-10T12:00:00Z');

function record(id: string, legal: string, extra: Partial<DsrRequestRecord> = {}): DsrRequestRecord {
  const pair = { strict: legal, legal };
  return {
    requestId: id,
    types: ['access'],
    status: 'awaiting_review',
    locale: 'en',
    channel: 'web_form',
    receivedAt: '2026-02-01T10:00:00Z',
    receiptDate: '2026-02-01',
    deadlines: { initial: pair, extended: { strict: '2026-05-01', legal: '2026-05-01' } },
    contactEmail: `${id}@example.com`,
    pendingStep: 'review',
    createdAt: '2026-02-01T10:00:00Z',
    updatedAt: '2026-02-01T10:00:00Z',
    ...extra,
  };
}

/**
 * A fake index partition: records in due-date order, paged like DynamoDB with cursors of
 * the real shape (the last item's table and index keys), which the queue checks.
 */
function fakeIndex(records: DsrRequestRecord[]) {
  const calls: number[] = [];
  const positionOf = (record: DsrRequestRecord) => ({
    pk: `REQ#${record.requestId}`,
    sk: 'META',
    listPk: 'OPEN',
    listSk: `${record.deadlines.initial.legal}#${record.requestId}`,
  });
  const list: ListPage = async (_open, limit, cursor) => {
    calls.push(limit);
    const start = cursor ? records.findIndex((r) => positionOf(r).pk === z.decode(listCursor, cursor).pk) + 1 : 0;
    const items = records.slice(start, start + limit);
    const next = start + limit;
    return { items, cursor: next < records.length ? z.encode(listCursor, positionOf(items.at(-1)!)) : undefined };
  };
  return { list, calls };
}

const queue = [
  record('r1', '2026-03-01'), // overdue by 9 days
  record('r2', '2026-03-10', { types: ['erasure'], pendingStep: 'store_failure', status: 'awaiting_store_retry' }), // due today
  record('r3', '2026-03-14', { types: ['erasure', 'access'] }), // 4 days
  record('r4', '2026-03-17', { pendingStep: 'verify_identity', status: 'awaiting_identity' }), // 7 days
  record('r5', '2026-04-20'), // 41 days
];

describe('admin queue filters', () => {
  it('reads the query string, with the existing defaults for limit and status', () => {
    expect(parseQueueQuery({})).toMatchObject({ open: true, limit: 50 });
    expect(parseQueueQuery({ status: 'closed', limit: '500' })).toMatchObject({ open: false, limit: 200 });
    expect(parseQueueQuery({ overdue: 'true', dueWithinDays: '7', type: 'erasure', pendingStep: 'review' })).toMatchObject({
      overdue: true,
      dueWithinDays: 7,
      type: 'erasure',
      pendingStep: 'review',
    });
  });

  it('answers 400 validation_failed for an unknown type, step or a negative window, and deadline filters on closed', () => {
    for (const query of [{ type: 'nonsense' }, { pendingStep: 'lunch' }, { dueWithinDays: '-1' }, { overdue: 'maybe' }, { status: 'closed', overdue: 'true' }]) {
      let error: unknown;
      try {
        parseQueueQuery(query);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(query)).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(400);
      expect((error as HttpError).code).toBe('validation_failed');
    }
  });

  it('keeps the due-date order and filters by type and pending step', async () => {
    const { list } = fakeIndex(queue);
    const byType = await queuePage(list, parseQueueQuery({ type: 'erasure' }), NOW);
    expect(byType.items.map((item) => item.requestId)).toEqual(['r2', 'r3']);
    const byStep = await queuePage(list, parseQueueQuery({ pendingStep: 'verify_identity' }), NOW);
    expect(byStep.items.map((item) => item.requestId)).toEqual(['r4']);
  });

  it('lists, of the closed requests, one closed status: status=duplicate reads the closed partition for duplicates only', async () => {
    expect(parseQueueQuery({ status: 'duplicate' })).toMatchObject({ open: false, closedAs: 'duplicate' });
    expect(parseQueueQuery({ status: 'closed' }).closedAs).toBeUndefined();
    const closed = [
      record('c1', '2026-03-01', { status: 'completed', pendingStep: undefined }),
      record('c2', '2026-03-02', { status: 'duplicate', pendingStep: undefined, duplicateOf: 'c1' }),
      record('c3', '2026-03-03', { status: 'rejected', pendingStep: undefined }),
    ];
    const opened: boolean[] = [];
    const { list } = fakeIndex(closed);
    const page = await queuePage((open, limit, cursor) => (opened.push(open), list(open, limit, cursor)), parseQueueQuery({ status: 'duplicate' }), NOW);
    expect(page.items.map((item) => [item.requestId, item.status, item.duplicateOf])).toEqual([['c2', 'duplicate', 'c1']]);
    expect(opened).toEqual([false]);
  });

  it('finds overdue requests and those due within N days (overdue included), stopping at the window', async () => {
    const index = fakeIndex(queue);
    const overdue = await queuePage(index.list, parseQueueQuery({ overdue: 'true' }), NOW);
    expect(overdue.items.map((item) => [item.requestId, item.daysLeft])).toEqual([['r1', -9]]);
    expect(overdue.cursor).toBeNull();
    const notOverdue = await queuePage(index.list, parseQueueQuery({ overdue: 'false' }), NOW);
    expect(notOverdue.items.map((item) => item.requestId)).toEqual(['r2', 'r3', 'r4', 'r5']);
    const week = await queuePage(index.list, parseQueueQuery({ dueWithinDays: '7' }), NOW);
    expect(week.items.map((item) => item.requestId)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(week.cursor).toBeNull();
  });

  it('pages without skipping a match: each read asks only for the items still missing', async () => {
    const index = fakeIndex(queue);
    const first = await queuePage(index.list, parseQueueQuery({ type: 'access', limit: '2' }), NOW);
    expect(first.items.map((item) => item.requestId)).toEqual(['r1', 'r3']);
    expect(index.calls).toEqual([2, 1]);
    const second = await queuePage(index.list, parseQueueQuery({ type: 'access', limit: '2', cursor: first.cursor! }), NOW);
    expect(second.items.map((item) => item.requestId)).toEqual(['r4', 'r5']);
    const third = await queuePage(index.list, parseQueueQuery({ type: 'access', limit: '2', cursor: second.cursor ?? undefined }), NOW);
    expect(second.cursor === null || third.items.length === 0).toBe(true);
  });

  it('answers 400 invalid_cursor for a cursor it never returned: not base64url, not JSON, not a key, another status', () => {
    const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const openPosition = { pk: 'REQ#dsr_a', sk: 'META', listPk: 'OPEN', listSk: '2026-03-01#dsr_a' };
    const refused = [
      { cursor: '%%% not base64 %%%' },
      { cursor: Buffer.from('not json').toString('base64url') },
      { cursor: base64([1, 2, 3]) },
      { cursor: base64({}) },
      { cursor: base64({ ...openPosition, extra: 1 }) },
      { cursor: base64({ ...openPosition, pk: 42 }) },
      { cursor: '' },
      { cursor: base64(openPosition), status: 'closed' },
    ];
    for (const query of refused) {
      expect(() => parseQueueQuery(query), JSON.stringify(query)).toThrow(
        expect.objectContaining({ status: 400, code: 'invalid_cursor' }),
      );
    }
    expect(parseQueueQuery({ cursor: base64(openPosition) }).cursor).toBe(base64(openPosition));
  });

  it('never shows contact details in the queue', async () => {
    const { list } = fakeIndex(queue);
    const page = await queuePage(list, parseQueueQuery({}), NOW);
    expect(JSON.stringify(page)).not.toContain('@example.com');
  });
});
