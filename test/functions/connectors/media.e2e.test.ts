import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportKeys, readStoreResults } from '../../../functions/connectors/index.js';
import { DEMO_USERS, type DemoStores } from '../../../lib/demo/index.js';
import {
  contextWithBudget,
  createRequest,
  keysUnder,
  localStores,
  ONE_PAGE_PER_CALL,
  readJsonl,
  runToDone,
  storeHandler,
} from './harness.js';

const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[number], (typeof DEMO_USERS)[number]];
const prefixOf = (accountId: string) => `accounts/${accountId}/`;
/** Pages of 4 keys: 14 objects take four listing pages. */
const SETTINGS = { CONNECTOR_PAGE_SIZE: '4', ...ONE_PAGE_PER_CALL };

describe('the media (S3 prefix) store', () => {
  let stores: DemoStores;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ stores, stop } = await localStores({ media: 14 }));
    await createRequest(stores, 'req-media', ada.accountId);
    await createRequest(stores, 'req-media-once', ada.accountId);
    await createRequest(stores, 'req-media-replay', bram.accountId);
  });
  afterAll(() => stop?.());

  it('collect copies every object of the subject and writes a manifest, over several calls', async () => {
    // Short of time, each call copies one object (copies are checked against the budget one by one).
    const steps = await runToDone(storeHandler(stores, 'media', SETTINGS), 'req-media', 'collect');
    expect(steps.length).toBe(14);
    const originals = await keysUnder(stores.mediaBucket, prefixOf(ada.accountId));
    const relative = originals.map((key) => key.slice(prefixOf(ada.accountId).length));
    expect(relative).toHaveLength(14);

    const copies = await keysUnder(stores.exportBucket, 'work/req-media/media/files/');
    expect(copies).toEqual(relative.map((key) => exportKeys.file('req-media', 'media', key)));

    const [result] = await readStoreResults(stores.requestsTable, 'req-media');
    const manifest = (await Promise.all(result!.parts.map((key) => readJsonl(stores.exportBucket, key)))).flat();
    expect(manifest.map((record) => record.key)).toEqual(relative);
    expect(manifest.every((record) => record.contentType === 'image/png' && Number(record.size) > 0)).toBe(true);
    expect(result).toMatchObject({ items: 14, columns: ['contentType', 'key', 'lastModified', 'size'] });
    expect(result!.bytes).toBe(manifest.reduce((sum, record) => sum + Number(record.size), 0));
    expect(JSON.stringify(manifest)).not.toContain(bram.accountId);
  });

  it('collect walks several listing pages in one call when time allows', async () => {
    const steps = await runToDone(storeHandler(stores, 'media', { CONNECTOR_PAGE_SIZE: '4' }), 'req-media-once', 'collect');
    expect(steps).toEqual([{ storeId: 'media', action: 'collect', done: true, cursor: null, items: 14 }]);
    const [result] = await readStoreResults(stores.requestsTable, 'req-media-once');
    // Part 0, named by the invocation that wrote it.
    expect(result!.parts).toEqual([expect.stringMatching(/^work\/req-media-once\/media\/part-00000-[0-9a-f-]{36}\.jsonl$/)]);
    expect(await readJsonl(stores.exportBucket, result!.parts[0]!)).toHaveLength(14);
  });

  it('erase deletes every object of the subject, over several pages, and no other', async () => {
    const steps = await runToDone(storeHandler(stores, 'media', SETTINGS), 'req-media', 'erase');
    expect(steps.length).toBe(4);
    expect(steps.reduce((sum, step) => sum + step.items, 0)).toBe(14);
    expect(await keysUnder(stores.mediaBucket, prefixOf(ada.accountId))).toEqual([]);
    expect(await keysUnder(stores.mediaBucket, prefixOf(bram.accountId))).toHaveLength(14);
  });

  it('a repeated erase invocation replays its result and the totals stay exact', async () => {
    const handler = storeHandler(stores, 'media', SETTINGS);
    const first = await handler({ requestId: 'req-media-replay', action: 'erase' }, contextWithBudget(60_000));
    const second = await handler({ requestId: 'req-media-replay', action: 'erase', cursor: first.cursor }, contextWithBudget(60_000));
    const again = await handler({ requestId: 'req-media-replay', action: 'erase', cursor: first.cursor }, contextWithBudget(60_000));
    expect(again).toEqual(second);
    let cursor = again.cursor;
    while (cursor) {
      ({ cursor } = await handler({ requestId: 'req-media-replay', action: 'erase', cursor }, contextWithBudget(60_000)));
    }
    expect(await keysUnder(stores.mediaBucket, prefixOf(bram.accountId))).toEqual([]);
    const [result] = await readStoreResults(stores.requestsTable, 'req-media-replay');
    expect(result).toMatchObject({ storeId: 'media', action: 'erase', items: 14 });
  });
});
