import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3Client } from '../shared/aws-clients.js';
import { throwIfGivenUp } from './budget.js';

export interface JsonlPartOptions {
  /** @default the shared S3 client */
  client?: S3Client;
  /** The invocation's: once it aborts the upload is cancelled, and never completed after. */
  signal?: AbortSignal;
}

export interface PartSummary {
  items: number;
  bytes: number;
  /** Top-level attribute names seen, for the CSV header of the package. */
  columns: string[];
  /** Absent when the part had no items: no object is written then. */
  exportKey?: string;
}

/** DynamoDB sets and binaries have no JSON form of their own. */
function jsonValue(_key: string, value: unknown): unknown {
  if (value instanceof Set) return [...value];
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

/**
 * One export part: items go out as JSON Lines through a multipart upload while they are
 * read, so an invocation holds one page of items at a time, not the part.
 */
export class JsonlPart {
  private items = 0;
  private bytes = 0;
  private readonly columns = new Set<string>();
  private upload?: { stream: PassThrough; upload: Upload; done: Promise<unknown> };
  private readonly client: S3Client;
  private readonly signal?: AbortSignal;
  private readonly onAbort = () => void this.abort();

  constructor(
    private readonly bucket: string,
    private readonly key: string,
    options: JsonlPartOptions = {},
  ) {
    this.client = options.client ?? s3Client();
    this.signal = options.signal;
  }

  async write(items: readonly object[]): Promise<void> {
    if (items.length === 0) return;
    let text = '';
    for (const item of items) {
      for (const column in item) this.columns.add(column);
      text += `${JSON.stringify(item, jsonValue)}\n`;
    }
    this.items += items.length;
    this.bytes += Buffer.byteLength(text);
    const { stream, done } = this.start();
    // Respect backpressure, but surface an upload failure instead of waiting forever.
    if (!stream.write(text)) await Promise.race([once(stream, 'drain'), done]);
  }

  async close(): Promise<PartSummary> {
    const summary = { items: this.items, bytes: this.bytes, columns: [...this.columns] };
    if (!this.upload) return summary;
    // A small part goes up as one PutObject when the stream ends: not once given up.
    throwIfGivenUp(this.signal);
    this.upload.stream.end();
    await this.upload.done;
    this.signal?.removeEventListener('abort', this.onAbort);
    return { ...summary, exportKey: this.key };
  }

  /** Stops the upload after a failure elsewhere, so no half part is left as an object. */
  async abort(): Promise<void> {
    if (!this.upload) return;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.upload.stream.destroy();
    await this.upload.upload.abort().catch(() => undefined);
  }

  private start() {
    if (!this.upload) {
      const stream = new PassThrough();
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key: this.key, Body: stream, ContentType: 'application/x-ndjson' },
      });
      const done = upload.done();
      done.catch(() => undefined); // observed by write/close; avoids an unhandled rejection in between
      this.upload = { stream, upload, done };
      this.signal?.addEventListener('abort', this.onAbort, { once: true });
    }
    return this.upload;
  }
}
