import {
  CopyObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  NoSuchKey,
  type ListObjectsV2CommandOutput,
  type S3Client,
  type _Object,
} from '@aws-sdk/client-s3';
import type { StoreDefinition } from '../core/inventory/index.js';
import { s3Client } from '../shared/aws-clients.js';
import { JsonlPart } from './jsonl-part.js';
import { exportKeys } from './keys.js';
import { forEachLimit } from './pool.js';
import { deleteKeys } from './s3-delete.js';
import type { ConnectorSettings } from './settings.js';
import type { Connector, Job, StepOutcome } from './types.js';

export interface S3ConnectorConfig {
  bucket: string;
  exportBucket: string;
  settings: ConnectorSettings;
  client?: S3Client;
}

/** A line of the media manifest; `key` is below the account prefix, the file's path in the package. */
export interface ManifestRecord {
  key: string;
  size: number;
  contentType: string;
  lastModified?: string;
}

/** A store whose objects of one account live under `{keyPrefix}{accountId}/`. */
export class S3PrefixConnector implements Connector {
  private readonly s3: S3Client;
  private readonly keyPrefix: string;

  constructor(
    readonly store: StoreDefinition,
    private readonly config: S3ConnectorConfig,
  ) {
    if (store.location.kind !== 's3') throw new Error(`Store "${store.id}" is not an S3 store`);
    if (store.erasure.action !== 'delete') throw new Error(`Store "${store.id}": S3 stores support delete only`);
    this.keyPrefix = store.location.keyPrefix;
    this.s3 = config.client ?? s3Client();
  }

  /**
   * Copies each object server-side into the request's work area and writes a manifest
   * part. Copies of large objects take long, so the budget is also checked between
   * objects, not only between pages; every invocation copies at least one object.
   */
  async collect(job: Job): Promise<StepOutcome> {
    const part = new JsonlPart(this.config.exportBucket, exportKeys.part(job.requestId, this.store.id, job.position.part, job.invocation), {
      client: this.s3,
      signal: job.budget.signal,
    });
    let bytes = 0;
    try {
      const after = await this.pages(job, async (objects) => {
        const copied: (ManifestRecord | undefined)[] = [];
        const handled = await forEachLimit(
          objects.keys(),
          this.config.settings.copyConcurrency,
          async (index) => {
            copied[index] = await this.copy(job, objects[index] as _Object);
          },
          { until: (taken) => taken > 0 && job.budget.exhausted() },
        );
        const records = copied.filter((record): record is ManifestRecord => record !== undefined);
        for (const record of records) bytes += record.size;
        await part.write(records);
        return handled;
      });
      return { ...(await part.close()), bytes, done: after === undefined, after };
    } catch (error) {
      await part.abort();
      throw error;
    }
  }

  async erase(job: Job): Promise<StepOutcome> {
    const prefix = this.prefix(job);
    const after = await this.pages(job, async (objects) => {
      const keys = objects.map((object) => object.Key as string);
      await job.ledger.recordPage(
        keys.map((key) => key.slice(prefix.length)),
        objects.map((object) => object.Size ?? 0),
      );
      await deleteKeys(this.config.bucket, keys, this.s3, job.budget.signal);
      return objects.length;
    });
    return { items: job.ledger.items, bytes: job.ledger.bytes, done: after === undefined, after };
  }

  private prefix(job: Job): string {
    return `${this.keyPrefix}${job.accountId}/`;
  }

  /** Undefined when the object vanished since it was listed (lifecycle expiry): nothing left to export. */
  private async copy(job: Job, object: _Object): Promise<ManifestRecord | undefined> {
    const key = object.Key as string;
    const relativeKey = key.slice(this.prefix(job).length);
    const options = { abortSignal: job.budget.signal };
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }), options);
      await this.s3.send(
        new CopyObjectCommand({
          Bucket: this.config.exportBucket,
          Key: exportKeys.file(job.requestId, this.store.id, relativeKey),
          CopySource: `${this.config.bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
        }),
        options,
      );
      return {
        key: relativeKey,
        size: object.Size ?? 0,
        contentType: head.ContentType ?? 'application/octet-stream',
        lastModified: object.LastModified?.toISOString(),
      };
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  /**
   * Lists the account's prefix page by page from the job's position (StartAfter, so a
   * cursor never expires and never holds the account id), reading one page ahead, until
   * the prefix ends, the budget runs out, or `handle` stops early: it returns how many of
   * the page's objects (a prefix of them) it handled. Returns the relative key to resume
   * after, or undefined when the prefix is done.
   */
  private async pages(job: Job, handle: (objects: _Object[]) => Promise<number>): Promise<string | undefined> {
    const prefix = this.prefix(job);
    const list = (after: string | undefined): Promise<ListObjectsV2CommandOutput> => {
      const page = this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.config.bucket,
          Prefix: prefix,
          StartAfter: after === undefined ? undefined : `${prefix}${after}`,
          MaxKeys: this.config.settings.pageSize,
        }),
        { abortSignal: job.budget.signal },
      );
      page.catch(() => undefined); // a read-ahead may be abandoned when handling fails
      return page;
    };
    const relative = (object: _Object | undefined) => object?.Key?.slice(prefix.length);
    const start = job.position.after;
    let pending = list(start === undefined ? undefined : String(start));
    for (;;) {
      const page = await pending;
      const objects = (page.Contents ?? []).filter((object) => object.Key !== undefined);
      const last = page.IsTruncated ? relative(objects.at(-1)) : undefined;
      const more = last !== undefined && !job.budget.exhausted();
      if (more) pending = list(last);
      const handled = await handle(objects);
      if (handled < objects.length) return relative(objects[handled - 1]);
      if (!more) return last;
    }
  }
}
