import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type LocalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { Resolve } from './intrinsics.js';
import type { Naming } from './naming.js';
import { resourcesOfType, type CfnTemplate } from './template.js';

const TABLE_ACTIVE_TIMEOUT_MS = 10_000;

interface CfnIndex {
  IndexName: string;
  KeySchema: GlobalSecondaryIndex['KeySchema'];
  Projection: GlobalSecondaryIndex['Projection'];
}

/** Capacity is meaningless locally; dynalite only wants it present for PROVISIONED tables. */
const THROUGHPUT = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };

/**
 * Creates every DynamoDB table and S3 bucket of the template on the emulators, under
 * their local names. Streams, TTL, encryption and the like have no local effect.
 */
export async function provision(
  template: CfnTemplate,
  naming: Naming,
  resolve: Resolve,
  clients: { dynamodb: DynamoDBClient; s3: S3Client },
): Promise<void> {
  const tables = resourcesOfType(template, 'AWS::DynamoDB::Table').map(([logicalId, resource]) =>
    createTableInput(naming.name(logicalId), resolve(resource.Properties ?? {}, `AWS::DynamoDB::Table ${logicalId}`)),
  );
  const buckets = resourcesOfType(template, 'AWS::S3::Bucket').map(([logicalId]) => naming.name(logicalId));
  await Promise.all([
    ...tables.map(async (input) => {
      await clients.dynamodb.send(new CreateTableCommand(input));
      await waitUntilActive(clients.dynamodb, input.TableName!);
    }),
    ...buckets.map((Bucket) => clients.s3.send(new CreateBucketCommand({ Bucket }))),
  ]);
}

function createTableInput(TableName: string, properties: unknown): CreateTableCommandInput {
  const props = properties as Record<string, unknown>;
  const onDemand = props.BillingMode === 'PAY_PER_REQUEST';
  const capacity = onDemand ? {} : { ProvisionedThroughput: THROUGHPUT };
  const gsis = (props.GlobalSecondaryIndexes as CfnIndex[] | undefined)?.map(
    (index): GlobalSecondaryIndex => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema,
      Projection: index.Projection,
      ...capacity,
    }),
  );
  const lsis = (props.LocalSecondaryIndexes as CfnIndex[] | undefined)?.map(
    (index): LocalSecondaryIndex => ({ IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection }),
  );
  return {
    TableName,
    KeySchema: props.KeySchema as CreateTableCommandInput['KeySchema'],
    AttributeDefinitions: props.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ...capacity,
    ...(gsis?.length ? { GlobalSecondaryIndexes: gsis } : {}),
    ...(lsis?.length ? { LocalSecondaryIndexes: lsis } : {}),
  };
}

async function waitUntilActive(client: DynamoDBClient, TableName: string): Promise<void> {
  const deadline = Date.now() + TABLE_ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`table ${TableName} did not become ACTIVE`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
