import { GetObjectTaggingCommand, ListObjectsV2Command, PutObjectCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachLimit } from '../../../functions/connectors/pool.js';
import { RESTRICTION_TAG, restrictedHoldPrefix } from '../../../functions/core/restriction/marks.js';
import { s3Client } from '../../../functions/shared/aws-clients.js';
import { RestrictionMarks, type PageDone } from '../../../functions/shared/restriction-marks.js';
import { DEMO_USERS, type DemoStores } from '../../../lib/demo/index.js';
import { localStores } from '../connectors/harness.js';

const [ada] = DEMO_USERS as [(typeof DEMO_USERS)[0]];
let stores: DemoStores;
let stop: () => Promise<void>;
let marks: RestrictionMarks;

beforeAll(async () => {
  ({ stores, stop } = await localStores());
  marks = new RestrictionMarks({ accountTable: stores.tables.account!, mediaBucket: stores.mediaBucket, exportBucket: stores.exportBucket });
});
afterAll(async () => stop?.());

const mediaKeys = async () =>
  ((await s3Client().send(new ListObjectsV2Command({ Bucket: stores.mediaBucket, Prefix: `accounts/${ada.accountId}/` }))).Contents ?? []).map((object) => object.Key!);
const tagsOf = async (Key: string) => (await s3Client().send(new GetObjectTaggingCommand({ Bucket: stores.mediaBucket, Key }))).TagSet ?? [];

/** Calls a paged operation as the state machine does, from the start until no `after` is left; returns the calls made. */
async function pageThrough(page: (after?: string) => Promise<PageDone>) {
  const calls: PageDone[] = [];
  let after: string | undefined;
  do {
    const result = await page(after);
    calls.push(result);
    after = result.after;
  } while (after !== undefined);
  return calls;
}

describe('RestrictionMarks on the emulators', () => {
  it('untags the media a page a call, keeping the tags Kiara set, with a cursor below the account prefix', async () => {
    const keys = await mediaKeys();
    expect(keys.length).toBeGreaterThan(4);
    await s3Client().send(new PutObjectTaggingCommand({ Bucket: stores.mediaBucket, Key: keys[0]!, Tagging: { TagSet: [{ Key: 'kind', Value: 'input' }] } }));
    await pageThrough((after) => marks.tagMediaPage(ada.accountId, 'dsr_marks', 2, after));
    expect(await tagsOf(keys[0]!)).toEqual(expect.arrayContaining([{ Key: 'kind', Value: 'input' }, { Key: RESTRICTION_TAG, Value: 'dsr_marks' }]));

    const calls = await pageThrough((after) => marks.untagMediaPage(ada.accountId, 2, after));
    expect(calls.map((call) => call.done)).toEqual(Array.from({ length: Math.ceil(keys.length / 2) }, (_, i) => Math.min(2, keys.length - 2 * i)));
    for (const call of calls) expect(call.after ?? '').not.toContain(ada.accountId);
    for (const key of keys) expect((await tagsOf(key)).map((tag) => tag.Key)).not.toContain(RESTRICTION_TAG);
    expect(await tagsOf(keys[0]!)).toEqual([{ Key: 'kind', Value: 'input' }]);
  });

  it('deletes the held copy a listing page (1000 objects) a call, saying while more is left', async () => {
    const prefix = restrictedHoldPrefix('dsr_held');
    const names = Array.from({ length: 1001 }, (_, i) => `${prefix}usage-logs/part-${String(i).padStart(5, '0')}.jsonl`);
    await forEachLimit(names, 16, async (Key) => {
      await s3Client().send(new PutObjectCommand({ Bucket: stores.exportBucket, Key, Body: '{}' }));
    });
    const other = restrictedHoldPrefix('dsr_other') + 'media/a.png';
    await s3Client().send(new PutObjectCommand({ Bucket: stores.exportBucket, Key: other, Body: 'x' }));

    expect(await marks.deleteHeldPage('dsr_held')).toBe(true);
    expect(await marks.deleteHeldPage('dsr_held')).toBe(false);
    expect((await s3Client().send(new ListObjectsV2Command({ Bucket: stores.exportBucket, Prefix: prefix }))).KeyCount).toBe(0);
    // Another request's held copy stays.
    expect((await s3Client().send(new ListObjectsV2Command({ Bucket: stores.exportBucket, Prefix: restrictedHoldPrefix('dsr_other') }))).KeyCount).toBe(1);
  });
});
