import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES } from '../../../functions/core/inventory/index.js';
import { readStoreResults } from '../../../functions/connectors/index.js';
import { assemblePackage, type PackageResult } from '../../../functions/connectors/package.js';
import { deleteWorkFiles } from '../../../functions/connectors/work-files.js';
import { s3Client } from '../../../functions/shared/aws-clients.js';
import { DEMO_USERS, type DemoStores } from '../../../lib/demo/index.js';
import { createRequest, itemsOf, keysUnder, localStores, ONE_PAGE_PER_CALL, runToDone, storeHandler } from './harness.js';

const run = promisify(execFile);
const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[number], (typeof DEMO_USERS)[number]];
const DOCUMENTS = [
  { path: 'README.html', content: '<!doctype html><title>Your Kiara data</title>' },
  { path: 'summary.json', content: '{"stores":9}' },
];

describe('the access package', () => {
  let stores: DemoStores;
  let stop: () => Promise<void>;
  let dir: string;
  let pkg: PackageResult;
  const read = (name: string) => readFile(path.join(dir, 'unzipped', name), 'utf8');

  beforeAll(async () => {
    ({ stores, stop } = await localStores({ 'usage-logs': 23, media: 8 }));
    dir = await mkdtemp(path.join(tmpdir(), 'dsr-package-'));
    await createRequest(stores, 'req-pkg', ada.accountId);
    for (const store of STORES) {
      await runToDone(storeHandler(stores, store.id, { CONNECTOR_PAGE_SIZE: '3', ...ONE_PAGE_PER_CALL }), 'req-pkg', 'collect');
    }
    const results = await readStoreResults(stores.requestsTable, 'req-pkg');
    pkg = await assemblePackage({ exportBucket: stores.exportBucket, requestId: 'req-pkg', stores: results, documents: DOCUMENTS });
    const { Body } = await s3Client().send(new GetObjectCommand({ Bucket: stores.exportBucket, Key: pkg.key }));
    await writeFile(path.join(dir, 'package.zip'), await Body!.transformToByteArray());
    await run('unzip', ['-q', path.join(dir, 'package.zip'), '-d', path.join(dir, 'unzipped')]);
  });
  afterAll(async () => {
    await stop?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds the documents, a JSON and a CSV file per store, and the media files', async () => {
    const { stdout } = await run('unzip', ['-Z1', path.join(dir, 'package.zip')]);
    const names = stdout.split('\n').filter(Boolean);
    const media = (await keysUnder(stores.mediaBucket, `accounts/${ada.accountId}/`)).map((key) =>
      key.replace(`accounts/${ada.accountId}/`, 'media/'),
    );
    const data = STORES.flatMap((store) => [`data/${store.id}.json`, `data/${store.id}.csv`]);
    expect(names.sort()).toEqual([...DOCUMENTS.map((d) => d.path), ...data, ...media].sort());
    expect(pkg).toMatchObject({ key: 'packages/req-pkg/kiara-data-req-pkg.zip', files: names.length });
    expect(pkg.bytes).toBe((await readFile(path.join(dir, 'package.zip'))).length);
    expect(await read('README.html')).toBe(DOCUMENTS[0]!.content);
  });

  it('exports exactly the subject’s items in each store’s JSON and CSV', async () => {
    for (const store of STORES) {
      if (store.location.kind !== 'dynamodb') continue;
      const expected = await itemsOf(stores.tables[store.id]!, ada.accountId);
      expect(JSON.parse(await read(`data/${store.id}.json`))).toEqual(expected);
      const csv = (await read(`data/${store.id}.csv`)).replace(/^\uFEFF/, '').trimEnd().split('\n');
      expect(csv).toHaveLength(expected.length + 1);
      expect(csv[0]!.split(',')).toEqual(Object.keys(expected[0]!).sort());
    }
  });

  it('describes the media files and holds them byte for byte', async () => {
    const manifest = JSON.parse(await read('data/media.json')) as { key: string; size: number }[];
    expect(manifest).toHaveLength(8);
    for (const record of manifest) {
      const file = await readFile(path.join(dir, 'unzipped', 'media', record.key));
      expect(file.length).toBe(record.size);
      expect(file.subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('holds nothing of another person', async () => {
    const filesMentioning = async (pattern: string) =>
      (
        await run('grep', ['-rlE', pattern, path.join(dir, 'unzipped')]).catch((error: { code: number }) =>
          error.code === 1 ? { stdout: '' } : Promise.reject(error),
        )
      ).stdout;
    expect(await filesMentioning(ada.accountId)).not.toBe('');
    expect(await filesMentioning(`${bram.accountId}|${bram.email}|${bram.displayName}`)).toBe('');
  });

  it('fails, and nothing else, when a part cannot be read (S3 answers an error mid-package)', async () => {
    // Found by the soak: the part's stream error had no listener and killed the process.
    const [first, ...rest] = await readStoreResults(stores.requestsTable, 'req-pkg');
    const broken = [{ ...first!, action: 'collect' as const, parts: ['work/req-pkg/missing/part-00000.jsonl'] }, ...rest];
    await expect(
      assemblePackage({ exportBucket: stores.exportBucket, requestId: 'req-pkg-broken', stores: broken, documents: DOCUMENTS }),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('deleteWorkFiles removes the work files and keeps the package', async () => {
    expect((await keysUnder(stores.exportBucket, 'work/req-pkg/')).length).toBeGreaterThan(0);
    await deleteWorkFiles(stores.exportBucket, 'req-pkg');
    expect(await keysUnder(stores.exportBucket, 'work/req-pkg/')).toEqual([]);
    expect(await keysUnder(stores.exportBucket, 'packages/req-pkg/')).toEqual([pkg.key]);
  });
});
