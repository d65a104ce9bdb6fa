import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { s3Client } from '../shared/aws-clients.js';
import { StoreUnavailableError } from './errors.js';

/** DeleteObjects' limit. */
const MAX_KEYS = 1000;
const TRANSIENT_CODES = new Set(['SlowDown', 'InternalError', 'ServiceUnavailable', 'RequestTimeout']);

/**
 * Deletes keys, 1000 per call. DeleteObjects answers 200 even when some keys failed, so
 * its `Errors` list is checked; the error names codes only, since keys hold account ids.
 */
export async function deleteKeys(
  bucket: string,
  keys: readonly string[],
  client: S3Client = s3Client(),
  signal?: AbortSignal,
): Promise<void> {
  for (let start = 0; start < keys.length; start += MAX_KEYS) {
    const batch = keys.slice(start, start + MAX_KEYS);
    const { Errors = [] } = await client.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
      { abortSignal: signal },
    );
    if (Errors.length === 0) continue;
    const codes = [...new Set(Errors.map((error) => error.Code ?? 'Unknown'))];
    const message = `${Errors.length} of ${batch.length} objects not deleted (${codes.join(', ')})`;
    throw codes.every((code) => TRANSIENT_CODES.has(code)) ? new StoreUnavailableError(message) : new Error(message);
  }
}

/** Deletes every object under `prefix`, one listing page at a time. Returns the number deleted. */
export async function deletePrefix(bucket: string, prefix: string, client: S3Client = s3Client()): Promise<number> {
  let deleted = 0;
  let startAfter: string | undefined;
  for (;;) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, StartAfter: startAfter }));
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
    await deleteKeys(bucket, keys, client);
    deleted += keys.length;
    if (!page.IsTruncated || keys.length === 0) return deleted;
    startAfter = keys.at(-1);
  }
}
