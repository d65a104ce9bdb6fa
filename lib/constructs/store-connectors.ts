import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { STORES } from '../../functions/core/inventory/index.js';
import { DsrFunction } from './dsr-function.js';
import type { KiaraDataPlane } from './kiara-data-plane.js';

export interface StoreConnectorsProps {
  dataPlane: KiaraDataPlane;
  requestsTable: ITable;
  exportBucket: IBucket;
  /** Per-invocation time budget; the connector returns a cursor before it runs out. */
  timeout?: Duration;
  logKey?: IKey;
}

/**
 * One collect/erase Lambda per inventory store, generated from the inventory. Each may
 * read and delete in its own store only, write export parts, and record its progress.
 */
export class StoreConnectors extends Construct {
  readonly functions = new Map<string, DsrFunction>();

  constructor(scope: Construct, id: string, props: StoreConnectorsProps) {
    super(scope, id);
    for (const store of STORES) {
      const fn = new DsrFunction(this, store.id, {
        entry: 'store',
        description: `DSR connector: ${store.title.en}`,
        timeout: props.timeout ?? Duration.minutes(5),
        memorySize: 1024,
        logKey: props.logKey,
        environment: {
          STORE_ID: store.id,
          REQUESTS_TABLE: props.requestsTable.tableName,
          EXPORT_BUCKET: props.exportBucket.bucketName,
        },
      });
      if (store.location.kind === 'dynamodb') {
        const table = props.dataPlane.tables.get(store.id);
        if (!table) throw new Error(`StoreConnectors: no table for store "${store.id}"`);
        fn.addEnvironment('STORE_TABLE', table.tableName);
        if (store.erasure.action === 'delete') table.grantReadWriteData(fn);
        else table.grantReadData(fn);
      } else {
        fn.addEnvironment('STORE_BUCKET', props.dataPlane.mediaBucket.bucketName);
        props.dataPlane.mediaBucket.grantRead(fn, `${store.location.keyPrefix}*`);
        props.dataPlane.mediaBucket.grantDelete(fn, `${store.location.keyPrefix}*`);
      }
      props.requestsTable.grantReadWriteData(fn);
      props.exportBucket.grantPut(fn, 'work/*');
      this.functions.set(store.id, fn);
    }
  }
}
