import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { stringify } from 'csv-stringify/sync';
import { storeById } from '../core/inventory/index.js';
import { s3Client } from '../shared/aws-clients.js';
import { exportKeys } from './keys.js';
import type { StoreResult } from './progress.js';
import type { ManifestRecord } from './s3.js';
import { ZipWriter } from './zip-writer.js';

/** A file rendered elsewhere (README.html, summary.json) that goes to the package root. */
export interface PackageDocument {
  path: string;
  content: string;
}

export interface AssembleInput {
  exportBucket: string;
  requestId: string;
  /** From `readStoreResults`; only the collect results are packaged. */
  stores: readonly StoreResult[];
  documents: readonly PackageDocument[];
  client?: S3Client;
}

export interface PackageResult {
  key: string;
  /** Size of the ZIP. */
  bytes: number;
  /** Entries in the ZIP. */
  files: number;
}

/** Strings of about this size are handed to the archive, not one per item. */
const CHUNK_CHARS = 64 * 1024;
/** Media downloads started ahead of the one being zipped, to hide S3's first-byte latency. */
const MEDIA_READ_AHEAD = 4;

/**
 * Streams the access/portability package `packages/{id}/kiara-data-{id}.zip`: the
 * documents at the root, `data/{store}.json` and `.csv` per store, and for object stores
 * the exported files under `{store}/`. Parts are read as the ZIP is written, so memory
 * stays flat however much a person has.
 */
export async function assemblePackage(input: AssembleInput): Promise<PackageResult> {
  const client = input.client ?? s3Client();
  const key = exportKeys.package(input.requestId);
  const zip = new ZipWriter(client, input.exportBucket, key);
  const lines = (parts: readonly string[]) => partLines(client, input.exportBucket, parts);
  try {
    for (const document of input.documents) await zip.add(document.path, document.content);
    for (const store of input.stores.filter((result) => result.action === 'collect')) {
      await zip.add(`data/${store.storeId}.json`, Readable.from(jsonArray(lines(store.parts))));
      await zip.add(`data/${store.storeId}.csv`, Readable.from(csv(lines(store.parts), store.columns)));
      if (storeById(store.storeId).location.kind !== 's3') continue;
      const files = readAhead(manifest(lines(store.parts)), MEDIA_READ_AHEAD, async (record) => {
        const source = exportKeys.file(input.requestId, store.storeId, record.key);
        const { Body } = await client.send(new GetObjectCommand({ Bucket: input.exportBucket, Key: source }));
        return Body as Readable;
      });
      for await (const [record, body] of files) await zip.add(`${store.storeId}/${record.key}`, body, { store: true });
    }
    return { key, ...(await zip.finish()) };
  } catch (error) {
    await zip.abort();
    throw error;
  }
}

/** The lines of JSON Lines parts, in batches as they arrive. */
async function* partLines(client: S3Client, bucket: string, parts: readonly string[]): AsyncGenerator<string[]> {
  for (const key of parts) {
    const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const chunk of Body as Readable) {
      const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
      rest = lines.pop() ?? '';
      if (lines.length > 0) yield lines.filter(Boolean);
    }
    rest += decoder.end();
    if (rest) yield [rest];
  }
}

/** A JSON array of the items, one item per line. */
async function* jsonArray(batches: AsyncIterable<string[]>): AsyncGenerator<string> {
  let chunk = '[';
  let first = true;
  for await (const lines of batches) {
    for (const line of lines) {
      chunk += `${first ? '\n' : ',\n'}${line}`;
      first = false;
    }
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${first ? ']' : '\n]'}\n`;
}

/** CSV with a byte-order mark (so spreadsheets read UTF-8), nested values as JSON. */
async function* csv(batches: AsyncIterable<string[]>, columns: readonly string[]): AsyncGenerator<string> {
  if (columns.length === 0) return;
  yield stringify([columns], { bom: true });
  for await (const lines of batches) {
    const rows = lines.map((line) => {
      const item = JSON.parse(line) as Record<string, unknown>;
      return columns.map((column) => cell(item[column]));
    });
    if (rows.length > 0) yield stringify(rows);
  }
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

async function* manifest(batches: AsyncIterable<string[]>): AsyncGenerator<ManifestRecord> {
  for await (const lines of batches) for (const line of lines) yield JSON.parse(line) as ManifestRecord;
}

/** Pairs each item with `fetch(item)`, keeping `depth` fetches started ahead of the consumer. */
async function* readAhead<T, R>(items: AsyncIterable<T>, depth: number, fetch: (item: T) => Promise<R>): AsyncGenerator<[T, R]> {
  const queue: [T, Promise<R>][] = [];
  for await (const item of items) {
    const fetched = fetch(item);
    fetched.catch(() => undefined); // awaited in turn below
    queue.push([item, fetched]);
    if (queue.length > depth) {
      const [head, pending] = queue.shift() as [T, Promise<R>];
      yield [head, await pending];
    }
  }
  for (const [item, pending] of queue) yield [item, await pending];
}
