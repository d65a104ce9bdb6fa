import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflateRaw } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { BatchWriteCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { Upload } from '@aws-sdk/lib-storage';
import { forEachLimit, mapLimit } from '../../functions/connectors/pool.js';
import { UPLOAD_PARTS } from '../../functions/connectors/zip-writer.js';
import { documentClient, s3Client } from '../../functions/shared/aws-clients.js';

/**
 * What a developer would write with the bare SDK for the same work as the connectors:
 * same calls, same read-ahead of one page, same number of writes in flight, but no
 * handler, cursor, time budget, parts or progress records.
 */

const ERASE_IN_FLIGHT = 8;
const COPY_IN_FLIGHT = 16;

async function* queryPages(table: string, accountId: string, projection?: string): AsyncGenerator<QueryCommandOutput> {
  const query = (ExclusiveStartKey?: Record<string, unknown>) =>
    documentClient().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'accountId = :a',
        ExpressionAttributeValues: { ':a': accountId },
        ProjectionExpression: projection,
        ExclusiveStartKey,
        ConsistentRead: true,
      }),
    );
  let pending = query();
  for (;;) {
    const page = await pending;
    if (page.LastEvaluatedKey) pending = query(page.LastEvaluatedKey);
    yield page;
    if (!page.LastEvaluatedKey) return;
  }
}

async function* listPages(bucket: string, prefix: string): AsyncGenerator<ListObjectsV2CommandOutput> {
  const list = (StartAfter?: string) => s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, StartAfter }));
  let pending = list();
  for (;;) {
    const page = await pending;
    const last = page.Contents?.at(-1)?.Key;
    if (page.IsTruncated) pending = list(last);
    yield page;
    if (!page.IsTruncated) return;
  }
}

/** A JSON Lines object written while it is produced. */
function jsonlUpload(bucket: string, key: string) {
  const body = new PassThrough();
  const done = new Upload({ client: s3Client(), params: { Bucket: bucket, Key: key, Body: body } }).done();
  return {
    async write(items: readonly object[]) {
      let text = '';
      for (const item of items) text += `${JSON.stringify(item)}\n`;
      if (!body.write(text)) await once(body, 'drain');
    },
    async close() {
      body.end();
      await done;
    },
  };
}

export async function bareCollect(table: string, accountId: string, bucket: string, key: string): Promise<number> {
  const out = jsonlUpload(bucket, key);
  let items = 0;
  for await (const page of queryPages(table, accountId)) {
    await out.write(page.Items ?? []);
    items += page.Items?.length ?? 0;
  }
  await out.close();
  return items;
}

export async function bareErase(table: string, accountId: string): Promise<number> {
  let items = 0;
  for await (const page of queryPages(table, accountId, 'accountId, sk')) {
    const keys = page.Items ?? [];
    const batches = Array.from({ length: Math.ceil(keys.length / 25) }, (_, i) => keys.slice(i * 25, i * 25 + 25));
    await forEachLimit(batches, ERASE_IN_FLIGHT, async (batch) => {
      let pending = batch.map((Key) => ({ DeleteRequest: { Key } }));
      while (pending.length > 0) {
        const { UnprocessedItems } = await documentClient().send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (UnprocessedItems?.[table] ?? []) as typeof pending;
        if (pending.length > 0) await sleep(50);
      }
    });
    items += keys.length;
  }
  return items;
}

export async function bareCopy(bucket: string, prefix: string, exportBucket: string, workPrefix: string): Promise<number> {
  const manifest = jsonlUpload(exportBucket, `${workPrefix}manifest.jsonl`);
  let items = 0;
  for await (const page of listPages(bucket, prefix)) {
    const records = await mapLimit(page.Contents ?? [], COPY_IN_FLIGHT, async (object) => {
      const key = object.Key as string;
      const head = await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      await s3Client().send(
        new CopyObjectCommand({
          Bucket: exportBucket,
          Key: `${workPrefix}files/${key.slice(prefix.length)}`,
          CopySource: `${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
        }),
      );
      return { key: key.slice(prefix.length), size: object.Size, contentType: head.ContentType, lastModified: object.LastModified };
    });
    await manifest.write(records);
    items += records.length;
  }
  await manifest.close();
  return items;
}

export async function bareDelete(bucket: string, prefix: string): Promise<number> {
  let items = 0;
  for await (const page of listPages(bucket, prefix)) {
    const objects = (page.Contents ?? []).map((object) => ({ Key: object.Key }));
    if (objects.length === 0) continue;
    const { Errors = [] } = await s3Client().send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
    if (Errors.length > 0) throw new Error(`${Errors.length} objects not deleted`);
    items += objects.length;
  }
  return items;
}

/**
 * The bytes of Assemble's work without the package's shape: reads the parts one after the
 * other and deflates them (the package's level) into one multipart upload of the same part
 * size, without JSON, CSV or ZIP entries.
 */
export async function bareDeflate(bucket: string, parts: readonly string[], key: string): Promise<void> {
  const body = createDeflateRaw({ level: 6 });
  const done = new Upload({ client: s3Client(), params: { Bucket: bucket, Key: key, Body: body }, ...UPLOAD_PARTS }).done();
  for (const part of parts) {
    const { Body } = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: part }));
    await pipeline(Body as Readable, body, { end: false });
  }
  body.end();
  await done;
}
