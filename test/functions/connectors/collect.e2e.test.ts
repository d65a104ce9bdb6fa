import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STORES } from '../../../functions/core/inventory/index.js';
import { decodeCursor, readStoreResults } from '../../../functions/connectors/index.js';
import { DEMO_USERS, type DemoStores } from '../../../lib/demo/index.js';
import {
  contextWithBudget,
  createRequest,
  itemsOf,
  localStores,
  ONE_PAGE_PER_CALL,
  readJsonl,
  runToDone,
  storeHandler,
} from './harness.js';

const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[number], (typeof DEMO_USERS)[number]];
const TABLE_STORES = STORES.filter((store) => store.location.kind === 'dynamodb');

describe('collect from DynamoDB stores', () => {
  let stores: DemoStores;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ stores, stop } = await localStores({ 'usage-logs': 47 }));
    await createRequest(stores, 'req-collect', ada.accountId);
    await createRequest(stores, 'req-replay', ada.accountId);
    await createRequest(stores, 'req-once', ada.accountId);
    await createRequest(stores, 'req-shape', ada.accountId);
    await createRequest(stores, 'req-logs', ada.accountId);
    await createRequest(stores, 'req-unresolved');
  });
  afterAll(() => stop?.());

  it('pages across invocations and exports exactly the subject’s items', async () => {
    for (const store of TABLE_STORES) {
      const handler = storeHandler(stores, store.id, { CONNECTOR_PAGE_SIZE: '5', ...ONE_PAGE_PER_CALL });
      const steps = await runToDone(handler, 'req-collect', 'collect');
      const expected = await itemsOf(stores.tables[store.id]!, ada.accountId);
      expect(steps.length).toBeGreaterThanOrEqual(Math.ceil(expected.length / 5));

      const [result] = (await readStoreResults(stores.requestsTable, 'req-collect')).filter(
        (candidate) => candidate.storeId === store.id,
      );
      const exported = (await Promise.all(result!.parts.map((key) => readJsonl(stores.exportBucket, key)))).flat();
      expect(exported).toEqual(expected);
      expect(result!.items).toBe(expected.length);
      expect(steps.reduce((sum, step) => sum + step.items, 0)).toBe(expected.length);
      expect(JSON.stringify(exported)).not.toContain(bram.accountId);
    }
    const usage = (await readStoreResults(stores.requestsTable, 'req-collect')).find((r) => r.storeId === 'usage-logs');
    expect(usage?.parts.length).toBe(10);
  });

  it('finishes a store in one invocation when time allows', async () => {
    const handler = storeHandler(stores, 'usage-logs', { CONNECTOR_PAGE_SIZE: '5' });
    const result = await handler({ requestId: 'req-once', action: 'collect' }, contextWithBudget(60_000));
    expect(result).toEqual({ storeId: 'usage-logs', action: 'collect', done: true, cursor: null, items: 47 });
  });

  it('returns counts only, and a cursor without the account id', async () => {
    const handler = storeHandler(stores, 'usage-logs', { CONNECTOR_PAGE_SIZE: '5', ...ONE_PAGE_PER_CALL });
    const result = await handler({ requestId: 'req-shape', action: 'collect' }, contextWithBudget(60_000));
    expect(Object.keys(result).sort()).toEqual(['action', 'cursor', 'done', 'items', 'storeId']);
    expect(Buffer.from(result.cursor!, 'base64url').toString()).not.toContain(ada.accountId);
    expect(decodeCursor(result.cursor).part).toBe(1);
  });

  it('is safe to repeat an invocation with the same cursor', async () => {
    const handler = storeHandler(stores, 'usage-logs', { CONNECTOR_PAGE_SIZE: '5', ...ONE_PAGE_PER_CALL });
    const first = await handler({ requestId: 'req-replay', action: 'collect' }, contextWithBudget(60_000));
    const second = await handler({ requestId: 'req-replay', action: 'collect', cursor: first.cursor }, contextWithBudget(60_000));
    const again = await handler({ requestId: 'req-replay', action: 'collect', cursor: first.cursor }, contextWithBudget(60_000));
    expect(again).toEqual(second);
    let cursor = again.cursor;
    while (cursor) {
      ({ cursor } = await handler({ requestId: 'req-replay', action: 'collect', cursor }, contextWithBudget(60_000)));
    }
    const [result] = (await readStoreResults(stores.requestsTable, 'req-replay')).filter((r) => r.storeId === 'usage-logs');
    expect(result!.items).toBe(47);
    expect(new Set(result!.parts).size).toBe(result!.parts.length);
    const exported = (await Promise.all(result!.parts.map((key) => readJsonl(stores.exportBucket, key)))).flat();
    expect(exported.map((item) => item.sk)).toEqual((await itemsOf(stores.tables['usage-logs']!, ada.accountId)).map((item) => item.sk));
  });

  it('fails with SubjectNotResolvedError when the request has no account', async () => {
    const handler = storeHandler(stores, 'account');
    await expect(handler({ requestId: 'req-unresolved', action: 'collect' }, contextWithBudget(60_000))).rejects.toMatchObject({
      name: 'SubjectNotResolvedError',
    });
    await expect(handler({ requestId: 'req-missing', action: 'collect' }, contextWithBudget(60_000))).rejects.toMatchObject({
      name: 'SubjectNotResolvedError',
    });
  });

  it('logs ids and counts, never the account id, email or content', async () => {
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
    try {
      await runToDone(storeHandler(stores, 'account', { LOG_LEVEL: 'INFO' }), 'req-logs', 'collect');
      await runToDone(storeHandler(stores, 'support', { LOG_LEVEL: 'INFO', CONNECTOR_PAGE_SIZE: '2' }), 'req-logs', 'collect');
      await runToDone(storeHandler(stores, 'support', { LOG_LEVEL: 'INFO' }), 'req-unresolved', 'collect').catch(() => undefined);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const log = lines.join('');
    expect(log).toContain('"requestId":"req-logs"');
    expect(log).toContain('"items":1');
    expect(log).toContain('SubjectNotResolvedError');
    for (const secret of [ada.accountId, ada.email, ada.displayName, 'credits']) expect(log).not.toContain(secret);
  });
});
