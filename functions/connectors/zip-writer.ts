import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Client } from '@aws-sdk/client-s3';

/**
 * A ZIP archive streamed into S3 by multipart upload. Entries are added one at a time and
 * each `add` waits until its source has been read into the archive, so only the entry
 * being written and the upload's part buffers are in memory.
 */
export class ZipWriter {
  private readonly archive = new ZipArchive({ zlib: { level: 6 } });
  /** archiver streams are readable-stream's, which lib-storage does not take as a Body. */
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
      partSize: 8 * 1024 * 1024,
      queueSize: 4,
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
    const entered = once(this.archive, 'entry');
    // The archive does not listen to its sources: a source that fails (S3 answered an
    // error while it was read) would wait for ever and throw where nobody catches it.
    const unreadable = new Promise<never>((_, reject) => {
      if (typeof source !== 'string') source.once('error', reject);
    });
    unreadable.catch(() => undefined); // raced below
    this.archive.append(source, { name, store: options.store });
    await Promise.race([entered, this.failed, unreadable]);
    this.files += 1;
  }

  async finish(): Promise<{ bytes: number; files: number }> {
    await Promise.race([this.archive.finalize(), this.failed]);
    await this.uploaded;
    return { bytes: this.archive.pointer(), files: this.files };
  }

  async abort(): Promise<void> {
    this.archive.abort();
    await this.upload.abort().catch(() => undefined);
  }
}
