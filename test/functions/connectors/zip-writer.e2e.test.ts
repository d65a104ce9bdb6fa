import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_PARTS, ZipWriter } from '../../../functions/connectors/zip-writer.js';
import { s3Client } from '../../../functions/shared/aws-clients.js';
import { startLocalAws } from '../../../lib/demo/local-aws.js';

const run = promisify(execFile);
const BUCKET = 'zip-writer-test';
/** One more than a ZIP's 16-bit entry count holds: only ZIP64's end records can count them. */
const BEYOND_ZIP32_ENTRIES = 0x10000;
/** The ZIP64 end-of-central-directory locator's signature. */
const ZIP64_LOCATOR = Buffer.from([0x50, 0x4b, 0x06, 0x07]);

describe('ZipWriter', () => {
  let stop: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    const emulators = await startLocalAws();
    stop = () => emulators.stop();
    await s3Client().send(new CreateBucketCommand({ Bucket: BUCKET }));
    dir = await mkdtemp(path.join(tmpdir(), 'dsr-zip-'));
  });
  afterAll(async () => {
    await stop?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const download = async (key: string) => {
    const { Body } = await s3Client().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const file = path.join(dir, path.basename(key));
    await writeFile(file, await Body!.transformToByteArray());
    return file;
  };

  it('writes deflated and stored entries that unzip reads back byte for byte', async () => {
    const zip = new ZipWriter(s3Client(), BUCKET, 'small.zip');
    const text = 'line\n'.repeat(10_000);
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, ...Array.from({ length: 5000 }, (_, i) => i % 256)]);
    await zip.add('data/text.txt', text);
    await zip.add('data/streamed.json', Readable.from(['[', '1,', '2', ']']));
    await zip.add('media/image.png', Readable.from([image]), { store: true });
    const result = await zip.finish();

    const file = await download('small.zip');
    expect(result).toEqual({ bytes: (await readFile(file)).length, files: 3 });
    const { stdout: listing } = await run('unzip', ['-Zv', file]);
    expect(listing).toMatch(/data\/text\.txt[\s\S]*compression method:\s+deflated/);
    expect(listing).toMatch(/media\/image\.png[\s\S]*compression method:\s+none \(stored\)/);
    expect((await run('unzip', ['-p', file, 'data/text.txt'], { maxBuffer: 1 << 20 })).stdout).toBe(text);
    expect((await run('unzip', ['-p', file, 'data/streamed.json'])).stdout).toBe('[1,2]');
    const png = await run('unzip', ['-p', file, 'media/image.png'], { encoding: 'buffer' });
    expect(Buffer.compare(png.stdout, image)).toBe(0);
  });

  it('writes an archive of several upload parts that unzip reads back byte for byte', async () => {
    // Stored, not deflated: three and a half parts of the upload, the last one short.
    const bytes = randomBytes(UPLOAD_PARTS.partSize * 3.5);
    const zip = new ZipWriter(s3Client(), BUCKET, 'parts.zip');
    await zip.add('media/video.mp4', Readable.from([bytes.subarray(0, bytes.length / 2), bytes.subarray(bytes.length / 2)]), { store: true });
    await zip.finish();

    const video = await run('unzip', ['-p', await download('parts.zip'), 'media/video.mp4'], { encoding: 'buffer', maxBuffer: 2 * bytes.length });
    expect(Buffer.compare(video.stdout, bytes)).toBe(0);
  });

  it('switches to ZIP64 when the entries outgrow a plain ZIP', async () => {
    const zip = new ZipWriter(s3Client(), BUCKET, 'many.zip');
    for (let i = 0; i < BEYOND_ZIP32_ENTRIES; i++) await zip.add(`f/${i}`, '', { store: true });
    expect((await zip.finish()).files).toBe(BEYOND_ZIP32_ENTRIES);

    const file = await download('many.zip');
    expect((await readFile(file)).includes(ZIP64_LOCATOR)).toBe(true);
    const { stdout } = await run('unzip', ['-Z1', file], { maxBuffer: 16 << 20 });
    const names = stdout.split('\n').filter(Boolean);
    expect(names).toHaveLength(BEYOND_ZIP32_ENTRIES);
    expect(names.at(-1)).toBe(`f/${BEYOND_ZIP32_ENTRIES - 1}`);
  }, 120_000);

  it('aborts the multipart upload when a source fails, leaving no object', async () => {
    const zip = new ZipWriter(s3Client(), BUCKET, 'failed.zip');
    await zip.add('first.txt', 'kept until the failure');
    const failing = new Readable({ read() { this.destroy(new Error('source read failed')); } });
    await expect(zip.add('second.txt', failing)).rejects.toThrow('source read failed');
    await zip.abort();
    const { Contents } = await s3Client().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'failed' }));
    expect(Contents ?? []).toEqual([]);
  });
});

