import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { storeById } from '../../../functions/core/inventory/index.js';
import { requestKeys } from '../../../functions/core/request/keys.js';
import { documentClient, s3Client } from '../../../functions/shared/aws-clients.js';
import type { StoreStepResult } from '../../../functions/store/contract.js';
import { createHandler } from '../../../functions/store/index.js';
import { createDemoStores, seedDemoData, type DemoSizes, type DemoStores } from '../../../lib/demo/index.js';
import { startLocalAws } from '../../../lib/demo/local-aws.js';

/** Emulators with the demo stores created and both demo users seeded. */
export async function localStores(sizes: Partial<DemoSizes> = {}) {
  const emulators = await startLocalAws();
  const stores = await createDemoStores('test-');
  await seedDemoData({ tables: stores.tables, bucket: stores.mediaBucket, sizes });
  return { stores, stop: () => emulators.stop() };
}

/** A request whose subject ResolveSubject has already found. */
export async function createRequest(stores: DemoStores, requestId: string, accountId?: string): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: stores.requestsTable,
      Item: {
        pk: requestKeys.pk(requestId),
        sk: requestKeys.meta,
        requestId,
        subject: accountId ? { accountId, found: true } : { found: false },
      },
    }),
  );
}

/** The per-store Lambda, configured as the stack configures it. */
export function storeHandler(stores: DemoStores, storeId: string, settings: Record<string, string> = {}) {
  const kind = storeById(storeId).location.kind;
  return createHandler({
    STORE_ID: storeId,
    ...(kind === 's3' ? { STORE_BUCKET: stores.mediaBucket } : { STORE_TABLE: stores.tables[storeId as keyof DemoStores['tables']] ?? '' }),
    REQUESTS_TABLE: stores.requestsTable,
    EXPORT_BUCKET: stores.exportBucket,
    LOG_LEVEL: 'SILENT',
    ...settings,
  });
}

/** A Lambda context of an invocation of its own, whose clock runs out `ms` from now. */
export function contextWithBudget(ms: number): Context {
  const deadline = Date.now() + ms;
  return { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => deadline - Date.now() } as Context;
}

/**
 * Settings under which every invocation is "short of time" after its first page: the
 * margin exceeds the budget. Paging across invocations then happens deterministically.
 */
export const ONE_PAGE_PER_CALL = { CONNECTOR_MARGIN_MS: '120000' };

/** Calls the handler as the state machine's loop does, until it reports done. */
export async function runToDone(
  handler: ReturnType<typeof createHandler>,
  requestId: string,
  action: 'collect' | 'erase',
): Promise<StoreStepResult[]> {
  const results: StoreStepResult[] = [];
  let cursor: string | null = null;
  do {
    const result: StoreStepResult = await handler({ requestId, action, cursor }, contextWithBudget(60_000));
    results.push(result);
    cursor = result.cursor;
  } while (cursor && results.length < 10_000);
  return results;
}

export async function itemsOf(table: string, accountId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'accountId = :a',
        ExpressionAttributeValues: { ':a': accountId },
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export async function keysUnder(bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let StartAfter: string | undefined;
  for (;;) {
    const page = await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, StartAfter }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key as string));
    if (!page.IsTruncated) return keys;
    StartAfter = keys.at(-1);
  }
}

export async function readText(bucket: string, key: string): Promise<string> {
  const { Body } = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await Body?.transformToString()) ?? '';
}

export async function readJsonl(bucket: string, key: string): Promise<Record<string, unknown>[]> {
  return (await readText(bucket, key))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
