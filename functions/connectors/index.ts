import type { StoreDefinition } from '../core/inventory/index.js';
import { DynamoDbPartitionConnector } from './dynamodb.js';
import { S3PrefixConnector } from './s3.js';
import type { ConnectorSettings } from './settings.js';
import type { Connector } from './types.js';

export * from './budget.js';
export * from './cursor.js';
export * from './errors.js';
export * from './keys.js';
export * from './progress.js';
export * from './run.js';
export * from './settings.js';
export * from './types.js';
export { DynamoDbPartitionConnector } from './dynamodb.js';
export { S3PrefixConnector, type ManifestRecord } from './s3.js';

export interface ConnectorTarget {
  /** The store's table (DynamoDB stores). */
  table?: string;
  /** The store's bucket (S3 stores). */
  bucket?: string;
  exportBucket: string;
}

/** The connector the inventory entry calls for. */
export function createConnector(store: StoreDefinition, target: ConnectorTarget, settings: ConnectorSettings): Connector {
  const missing = (what: string) => new Error(`Store "${store.id}" needs ${what}`);
  if (store.location.kind === 'dynamodb') {
    if (!target.table) throw missing('a table name');
    return new DynamoDbPartitionConnector(store, { table: target.table, exportBucket: target.exportBucket, settings });
  }
  if (!target.bucket) throw missing('a bucket name');
  return new S3PrefixConnector(store, { bucket: target.bucket, exportBucket: target.exportBucket, settings });
}
