import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { STORES } from '../../functions/core/inventory/index.js';
import { documentClient, s3Client } from '../../functions/shared/aws-clients.js';
import type { DsrLocal } from './dsr-local.js';

/** How many items (or media files) a store holds for an account, read from the store itself. */
export async function storeItemCount(
  resources: Pick<DsrLocal['resources'], 'storeTables' | 'mediaBucket'>,
  storeId: string,
  accountId: string,
): Promise<number> {
  const store = STORES.find((s) => s.id === storeId)!;
  if (store.location.kind === 's3') {
    const page = await s3Client().send(
      new ListObjectsV2Command({ Bucket: resources.mediaBucket, Prefix: `${store.location.keyPrefix}${accountId}/` }),
    );
    return page.KeyCount ?? 0;
  }
  const page = await documentClient().send(
    new QueryCommand({
      TableName: resources.storeTables[store.id as keyof typeof resources.storeTables],
      KeyConditionExpression: 'accountId = :id',
      ExpressionAttributeValues: { ':id': accountId },
      Select: 'COUNT',
    }),
  );
  return page.Count ?? 0;
}
