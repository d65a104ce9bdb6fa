import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { seedDemoData, type DemoUser } from '../../lib/demo/index.js';
import type { DsrLocal } from '../../lib/local/dsr-local.js';

type StoreNames = Pick<DsrLocal['resources'], 'storeTables' | 'mediaBucket'>;

/**
 * Takes the support store down (its table is deleted: an outage the emulator really
 * produces) and returns how to bring it back with a user's demo data, as it was.
 */
export async function takeSupportStoreDown(resources: StoreNames) {
  const table = resources.storeTables.support!;
  const dynamodb = new DynamoDBClient({});
  await dynamodb.send(new DeleteTableCommand({ TableName: table }));
  return async function bringBack(users: readonly DemoUser[]) {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'accountId', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'accountId', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: table });
    await seedDemoData({ tables: { support: table }, bucket: resources.mediaBucket, only: ['support'], users });
  };
}
