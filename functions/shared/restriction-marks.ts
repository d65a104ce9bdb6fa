import {
  CopyObjectCommand,
  GetObjectTaggingCommand,
  ListObjectsV2Command,
  PutObjectTaggingCommand,
  type S3Client,
  type Tag,
} from '@aws-sdk/client-s3';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachLimit } from '../connectors/pool.js';
import { exportKeys } from '../connectors/keys.js';
import { deletePrefix } from '../connectors/s3-delete.js';
import { storeById } from '../core/inventory/index.js';
import { RESTRICTION_ATTRIBUTE, RESTRICTION_TAG, restrictedHoldPrefix, type RestrictionMark } from '../core/restriction/marks.js';
import { documentClient, s3Client } from './aws-clients.js';

/** Where the marks go: Kiara's account table and media bucket, and the DSR export bucket. */
export interface RestrictionPlaces {
  accountTable: string;
  mediaBucket: string;
  exportBucket: string;
}

/** One page of work: how many objects were done, and the key (below the prefix) the next page starts after; none = all done. */
export interface PageDone {
  done: number;
  after?: string;
}

/** Tagging calls in flight at once (media of one account). */
const PARALLEL = 8;

/**
 * Sets and removes the restriction marks (functions/core/restriction/marks.ts) where
 * Kiara's services read them, and keeps the held copy of what ages out while restricted.
 * Every call is idempotent: a retried step or a repeated lift marks, copies or removes again.
 */
export class RestrictionMarks {
  constructor(
    private readonly places: RestrictionPlaces,
    private readonly db: DynamoDBDocumentClient = documentClient(),
    private readonly s3: S3Client = s3Client(),
  ) {}

  /**
   * Tags one page of the account's media (at most `pageSize` objects after `after`, a key
   * below the account prefix, never the account id: it travels in the workflow's state).
   * Returns how many were tagged and where the next page starts; no `after` = done.
   */
  async tagMediaPage(accountId: string, requestId: string, pageSize: number, after?: string): Promise<PageDone> {
    const Bucket = this.places.mediaBucket;
    return this.forPage(Bucket, this.mediaPrefix(accountId), pageSize, after, (Key) =>
      this.retag(Bucket, Key, (tags) => [...tags.filter((tag) => tag.Key !== RESTRICTION_TAG), { Key: RESTRICTION_TAG, Value: requestId }]),
    );
  }

  /**
   * Copies one page of the hold (at most `pageSize` files after `after`, a key below the
   * request's work prefix) out of `work/` and its lifecycle, to where it is kept for as long
   * as the restriction lasts. Returns how many were copied and where the next page starts.
   */
  async keepHoldPage(requestId: string, pageSize: number, after?: string): Promise<PageDone> {
    const Bucket = this.places.exportBucket;
    const work = exportKeys.work(requestId);
    const held = restrictedHoldPrefix(requestId);
    return this.forPage(Bucket, work, pageSize, after, async (key) => {
      await this.s3.send(
        new CopyObjectCommand({ Bucket, CopySource: `${Bucket}/${key.split('/').map(encodeURIComponent).join('/')}`, Key: held + key.slice(work.length) }),
      );
    });
  }

  /** Removes the marks and deletes the held copy: the data's own retention applies again. */
  async release(accountId: string, requestId: string): Promise<void> {
    await this.markAccount(accountId);
    await this.tagMedia(accountId, (tags) => tags.filter((tag) => tag.Key !== RESTRICTION_TAG));
    await deletePrefix(this.places.exportBucket, restrictedHoldPrefix(requestId), this.s3);
  }

  /** Sets the attribute on every item of the account's partition, or removes it (no mark). */
  async markAccount(accountId: string, mark?: RestrictionMark) {
    const location = storeById('account').location;
    if (location.kind !== 'dynamodb') throw new Error('the account store is a DynamoDB table');
    const keyNames: string[] = location.sortKey ? [location.partitionKey, location.sortKey] : [location.partitionKey];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.places.accountTable,
          KeyConditionExpression: '#pk = :id',
          ProjectionExpression: keyNames.map((_, i) => `#k${i}`).join(', '),
          ExpressionAttributeNames: { '#pk': location.partitionKey, ...Object.fromEntries(keyNames.map((name, i) => [`#k${i}`, name])) },
          ExpressionAttributeValues: { ':id': accountId },
          ExclusiveStartKey: start,
        }),
      );
      for (const key of page.Items ?? []) {
        await this.db.send(
          new UpdateCommand({
            TableName: this.places.accountTable,
            Key: key,
            UpdateExpression: mark ? 'SET #mark = :mark' : 'REMOVE #mark',
            ExpressionAttributeNames: { '#mark': RESTRICTION_ATTRIBUTE },
            ...(mark ? { ExpressionAttributeValues: { ':mark': mark } } : {}),
          }),
        );
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }

  /** Rewrites the tag set of each media object of the account, keeping the tags Kiara set. */
  private async tagMedia(accountId: string, retag: (tags: Tag[]) => Tag[]): Promise<void> {
    const Bucket = this.places.mediaBucket;
    await forEachLimit(this.keysUnder(Bucket, this.mediaPrefix(accountId)), PARALLEL, (Key) => this.retag(Bucket, Key, retag));
  }

  /** Runs `act` on one listed page of keys under `prefix`; `after` and the answer's `after` are keys below the prefix. */
  private async forPage(Bucket: string, prefix: string, pageSize: number, after: string | undefined, act: (key: string) => Promise<void>): Promise<PageDone> {
    const page = await this.s3.send(
      new ListObjectsV2Command({ Bucket, Prefix: prefix, MaxKeys: pageSize, ...(after === undefined ? {} : { StartAfter: prefix + after }) }),
    );
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
    const done = await forEachLimit(keys, PARALLEL, act);
    return page.IsTruncated && keys.length > 0 ? { done, after: keys[keys.length - 1]!.slice(prefix.length) } : { done };
  }

  private async retag(Bucket: string, Key: string, retag: (tags: Tag[]) => Tag[]) {
    const { TagSet = [] } = await this.s3.send(new GetObjectTaggingCommand({ Bucket, Key }));
    await this.s3.send(new PutObjectTaggingCommand({ Bucket, Key, Tagging: { TagSet: retag(TagSet) } }));
  }

  private mediaPrefix(accountId: string) {
    const location = storeById('media').location;
    if (location.kind !== 's3') throw new Error('the media store is an S3 prefix');
    return `${location.keyPrefix}${accountId}/`;
  }

  private async *keysUnder(bucket: string, prefix: string): AsyncGenerator<string> {
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
      token = page.NextContinuationToken;
    } while (token);
  }
}
