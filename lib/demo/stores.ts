import { CreateTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { BucketAlreadyOwnedByYou, CreateBucketCommand } from '@aws-sdk/client-s3';
import { emailIndexes, STORES, type StoreId, type StoreLocation } from '../../functions/core/inventory/index.js';
import { documentClient, s3Client } from '../../functions/shared/aws-clients.js';

export interface DemoStores {
  /** Table of every DynamoDB store, by store id. */
  tables: Partial<Record<StoreId, string>>;
  mediaBucket: string;
  /** The workflow's requests table (pk/sk) and export bucket. */
  requestsTable: string;
  exportBucket: string;
}

/**
 * Creates Kiara's stores as the inventory describes them, plus the workflow's requests
 * table and export bucket, on whatever endpoints the SDK points at (the emulators).
 * Names start with `prefix`; existing ones are kept.
 */
export async function createDemoStores(prefix = 'kiara-'): Promise<DemoStores> {
  const stores: DemoStores = {
    tables: {},
    mediaBucket: `${prefix}media`,
    requestsTable: `${prefix}requests`,
    exportBucket: `${prefix}exports`,
  };
  const tables: Promise<void>[] = [createTable(stores.requestsTable, 'pk', 'sk')];
  for (const store of STORES) {
    const location: StoreLocation = store.location;
    if (location.kind !== 'dynamodb') continue;
    const name = `${prefix}${store.id}`;
    stores.tables[store.id] = name;
    tables.push(createTable(name, location.partitionKey, location.sortKey, emailIndexes(location)));
  }
  await Promise.all([...tables, createBucket(stores.mediaBucket), createBucket(stores.exportBucket)]);
  return stores;
}

async function createTable(
  name: string,
  partitionKey: string,
  sortKey: string,
  indexes: { indexName: string; attribute: string }[] = [],
): Promise<void> {
  const attributes = [partitionKey, sortKey, ...indexes.map((index) => index.attribute)];
  try {
    await documentClient().send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexes.length
          ? indexes.map(({ indexName, attribute }) => ({
              IndexName: indexName,
              KeySchema: [{ AttributeName: attribute, KeyType: 'HASH' as const }],
              Projection: { ProjectionType: 'ALL' as const },
            }))
          : undefined,
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

async function createBucket(name: string): Promise<void> {
  try {
    await s3Client().send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
  }
}
