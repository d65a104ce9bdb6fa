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
import { deleteKeys } from '../connectors/s3-delete.js';
import { storeById } from '../core/inventory/index.js';
import { RESTRICTION_ATTRIBUTE, RESTRICTION_TAG, restrictedHoldPrefix, type RestrictionMark } from '../core/restriction/marks.js';
import { documentClient, s3Client } from './aws-clients.js';

/** Where the marks go: Kiara's account table and media bucket, and the DSR export bucket. */
export interface RestrictionPlaces {
  accountTable: string;
  mediaBucket: string;
  exportBucket: string;
}

/** Tagging calls in flight at once (media of one account). */
const PARALLEL = 8;

/** A media object's tags without the restriction tag (the tags Kiara set stay). */
const withoutMark = (tags: Tag[]) => tags.filter((tag) => tag.Key !== RESTRICTION_TAG);

/**
 * Sets and removes the restriction marks (functions/core/restriction/marks.ts) where
 * Kiara's services read them, and keeps the held copy of what ages out while restricted.
 * Every call is idempotent: a retried step or a repeated lift marks, copies or removes again;
 * the media and the held copy's deletion go a page a call, so a caller pages through any number of files.
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
  tagMediaPage(accountId: string, requestId: string, pageSize: number, after?: string): Promise<{ tagged: number; after?: string }> {
    return this.retagMediaPage(accountId, pageSize, after, (tags) => [...withoutMark(tags), { Key: RESTRICTION_TAG, Value: requestId }]);
  }

  /** Removes the tag from one page of the account's media, as `tagMediaPage` pages them; the other tags stay. */
  untagMediaPage(accountId: string, pageSize: number, after?: string): Promise<{ tagged: number; after?: string }> {
    return this.retagMediaPage(accountId, pageSize, after, withoutMark);
  }

  /** Moves the hold out of `work/` (its lifecycle) for as long as it is restricted; returns the files held. */
  async keepHold(requestId: string): Promise<number> {
    const work = exportKeys.work(requestId);
    const held = restrictedHoldPrefix(requestId);
    return forEachLimit(this.keysUnder(this.places.exportBucket, work), PARALLEL, async (key) => {
      await this.s3.send(
        new CopyObjectCommand({
          Bucket: this.places.exportBucket,
          CopySource: `${this.places.exportBucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
          Key: held + key.slice(work.length),
        }),
      );
    });
  }

  /**
   * Deletes one listing page of the held copy (up to 1000 objects, one DeleteObjects call);
   * true while more is left. A page deleted is gone, so the next call lists from the start.
   */
  async deleteHeldPage(requestId: string): Promise<boolean> {
    const Bucket = this.places.exportBucket;
    const page = await this.s3.send(new ListObjectsV2Command({ Bucket, Prefix: restrictedHoldPrefix(requestId) }));
    await deleteKeys(Bucket, (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])), this.s3);
    return page.IsTruncated === true;
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

  private async retagMediaPage(accountId: string, pageSize: number, after: string | undefined, retag: (tags: Tag[]) => Tag[]) {
    const Bucket = this.places.mediaBucket;
    const prefix = this.mediaPrefix(accountId);
    const page = await this.s3.send(
      new ListObjectsV2Command({ Bucket, Prefix: prefix, MaxKeys: pageSize, ...(after === undefined ? {} : { StartAfter: prefix + after }) }),
    );
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
    const tagged = await forEachLimit(keys, PARALLEL, (Key) => this.retag(Bucket, Key, retag));
    return page.IsTruncated && keys.length > 0 ? { tagged, after: keys[keys.length - 1]!.slice(prefix.length) } : { tagged };
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
