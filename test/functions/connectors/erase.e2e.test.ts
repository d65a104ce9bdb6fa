import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES } from '../../../functions/core/inventory/index.js';
import { readStoreResults } from '../../../functions/connectors/index.js';
import { DEMO_USERS, type DemoStores } from '../../../lib/demo/index.js';
import { contextWithBudget, createRequest, itemsOf, localStores, ONE_PAGE_PER_CALL, runToDone, storeHandler } from './harness.js';

const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[number], (typeof DEMO_USERS)[number]];
const TABLE_STORES = STORES.filter((store) => store.location.kind === 'dynamodb');
const SIZES = { 'usage-logs': 530, invoices: 4 };

describe('erase in DynamoDB stores', () => {
  let stores: DemoStores;
  let stop: () => Promise<void>;
  const tableOf = (storeId: string) => stores.tables[storeId as keyof DemoStores['tables']]!;

  beforeAll(async () => {
    ({ stores, stop } = await localStores(SIZES));
    await createRequest(stores, 'req-erase', ada.accountId);
  });
  afterAll(() => stop?.());

  it('deletes the subject’s items in every delete store, keeps retained ones, leaves others alone', async () => {
    const before = new Map<string, { ada: number; bram: number }>();
    for (const store of TABLE_STORES) {
      before.set(store.id, {
        ada: (await itemsOf(tableOf(store.id), ada.accountId)).length,
        bram: (await itemsOf(tableOf(store.id), bram.accountId)).length,
      });
    }
    for (const store of TABLE_STORES) {
      // Pages of 100 keys make several BatchWriteItem rounds of 25 with batches in flight.
      await runToDone(storeHandler(stores, store.id, { CONNECTOR_PAGE_SIZE: '100', ...ONE_PAGE_PER_CALL }), 'req-erase', 'erase');
    }
    const results = await readStoreResults(stores.requestsTable, 'req-erase');
    for (const store of TABLE_STORES) {
      const counts = before.get(store.id)!;
      const result = results.find((r) => r.storeId === store.id && r.action === 'erase')!;
      const adaLeft = (await itemsOf(tableOf(store.id), ada.accountId)).length;
      expect((await itemsOf(tableOf(store.id), bram.accountId)).length).toBe(counts.bram);
      if (store.erasure.action === 'retain') {
        expect(adaLeft).toBe(counts.ada);
        expect(result).toMatchObject({ items: 0, retained: counts.ada });
      } else {
        expect(adaLeft).toBe(0);
        expect(result).toMatchObject({ items: counts.ada, retained: 0 });
      }
    }
    expect(results.find((r) => r.storeId === 'usage-logs')?.items).toBe(530);
  });

  it('computes retainedUntil as the end of the newest invoice\'s financial year plus the retention years (art. 52 AWR)', async () => {
    const invoices = await itemsOf(tableOf('invoices'), ada.accountId);
    const newest = invoices.map((invoice) => String(invoice.issuedAt)).sort().at(-1)!;
    const expected = `${Number(newest.slice(0, 4)) + 7}-12-31`;
    const result = (await readStoreResults(stores.requestsTable, 'req-erase')).find((r) => r.storeId === 'invoices');
    expect(result).toMatchObject({ retained: 4, retainedUntil: expected });
  });

  it('keeps the counts when an invocation is repeated with the same cursor', async () => {
    await createRequest(stores, 'req-erase-replay', bram.accountId);
    const handler = storeHandler(stores, 'usage-logs', { CONNECTOR_PAGE_SIZE: '100', ...ONE_PAGE_PER_CALL });
    const first = await handler({ requestId: 'req-erase-replay', action: 'erase' }, contextWithBudget(60_000));
    const second = await handler({ requestId: 'req-erase-replay', action: 'erase', cursor: first.cursor }, contextWithBudget(60_000));
    // As if the state machine never saw `second`'s answer and called again.
    const replay = await handler({ requestId: 'req-erase-replay', action: 'erase', cursor: first.cursor }, contextWithBudget(60_000));
    expect(second.items).toBe(100);
    expect(replay).toEqual(second);
    let cursor = replay.cursor;
    while (cursor) {
      ({ cursor } = await handler({ requestId: 'req-erase-replay', action: 'erase', cursor }, contextWithBudget(60_000)));
    }
    expect(await itemsOf(tableOf('usage-logs'), bram.accountId)).toEqual([]);
    const result = (await readStoreResults(stores.requestsTable, 'req-erase-replay')).find((r) => r.storeId === 'usage-logs');
    expect(result?.items).toBe(530);
  });
});
