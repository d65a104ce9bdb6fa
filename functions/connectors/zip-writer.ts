import { PassThrough, type Readable } from 'node:stream';
import ZipStream from 'zip-stream';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Client } from '@aws-sdk/client-s3';

/**
 * S3's smallest part, two in flight. lib-storage gathers each part from the stream's
 * chunks and copies them into one buffer, so every part in flight holds its bytes twice
 * until a garbage collection; the archive is written far slower than a part uploads,
 * so more or larger parts buy no speed, only memory (packaging 1M items, 8 MiB × 4
 * peaked some 30 MB higher: README "Benchmarks").
 */
export const UPLOAD_PARTS = { partSize: 5 * 1024 * 1024, queueSize: 2 } as const;

/**
 * A ZIP archive streamed into S3 by multipart upload. Entries are added one at a time and
 * each `add` waits until its source has been read into the archive, so only the entry
 * being written and the upload's part buffers are in memory. zip-stream is archiver's own
 * ZIP writer without archiver's file-system and queueing layers (a fifth of the bundle);
 * it switches to ZIP64 by itself when an entry or the archive passes 4 GB or 65,535 entries.
 */
export class ZipWriter {
  private readonly archive = new ZipStream({ zlib: { level: 6 } });
  /** zip-stream's streams are readable-stream's, which lib-storage does not take as a Body. */
  private readonly body = new PassThrough();
  private readonly upload: Upload;
  private readonly uploaded: Promise<unknown>;
  /** Rejects on the first archive or upload error, so no `add` waits on a dead stream. */
  private readonly failed: Promise<never>;
  private files = 0;

  constructor(client: S3Client, bucket: string, key: string) {
    this.upload = new Upload({
      client,
      params: { Bucket: bucket, Key: key, Body: this.body, ContentType: 'application/zip' },
      ...UPLOAD_PARTS,
    });
    this.archive.pipe(this.body);
    this.uploaded = this.upload.done();
    this.failed = new Promise<never>((_, reject) => {
      this.archive.on('error', reject);
      this.uploaded.catch(reject);
    });
    this.failed.catch(() => undefined); // raced by every call below
  }

  /** `store` keeps already compressed files (images, video) as they are. */
  async add(name: string, source: Readable | string, options: { store?: boolean } = {}): Promise<void> {
    const written = new Promise<void>((resolve, reject) =>
      this.archive.entry(source, { name, store: options.store }, (error) => (error ? reject(error) : resolve())),
    );
    await Promise.race([written, this.failed]);
    this.files += 1;
  }

  async finish(): Promise<{ bytes: number; files: number }> {
    this.archive.finalize();
    await Promise.race([this.uploaded, this.failed]);
    return { bytes: this.archive.getBytesWritten(), files: this.files };
  }

  async abort(): Promise<void> {
    this.archive.destroy();
    await this.upload.abort().catch(() => undefined);
  }
}
