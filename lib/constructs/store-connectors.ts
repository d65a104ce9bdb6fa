import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { grantItems, REQUESTS_TABLE_ACCESS } from '../grants.js';
import { STORES } from '../../functions/core/inventory/index.js';
import { acknowledgeWildcards, wildcardAction, wildcardResource } from '../nag.js';
import { storeContract } from '../../functions/store/contract.js';
import { DsrFunction } from './dsr-function.js';
import { DEFAULT_CONNECTOR_TIMEOUT } from './store-work.js';
import type { KiaraDataPlane } from './kiara-data-plane.js';

export interface StoreConnectorsProps {
  dataPlane: KiaraDataPlane;
  requestsTable: ITable;
  exportBucket: IBucket;
  /**
   * Per-invocation time budget; the connector returns a cursor before it runs out. Short,
   * so that a store-work round with its retries fits in an Express execution's 5 minutes.
   * @default DEFAULT_CONNECTOR_TIMEOUT (45 seconds)
   */
  timeout?: Duration;
  logKey?: IKey;
}

/**
 * One collect/erase Lambda per inventory store, generated from the inventory. Each may
 * read and delete in its own store only, write export parts, and record its progress.
 */
export class StoreConnectors extends Construct {
  readonly functions = new Map<string, DsrFunction>();
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: StoreConnectorsProps) {
    super(scope, id);
    this.timeout = props.timeout ?? DEFAULT_CONNECTOR_TIMEOUT;
    for (const store of STORES) {
      const table = props.dataPlane.tables.get(store.id);
      if (store.location.kind === 'dynamodb' && !table) throw new Error(`StoreConnectors: no table for store "${store.id}"`);
      const media = props.dataPlane.mediaBucket;
      const fn = new DsrFunction(this, store.id, {
        contract: storeContract,
        description: `DSR connector: ${store.title.en}`,
        timeout: this.timeout,
        memorySize: 1024,
        logKey: props.logKey,
        environment: {
          STORE_ID: store.id,
          REQUESTS_TABLE: props.requestsTable.tableName,
          EXPORT_BUCKET: props.exportBucket.bucketName,
          ...(table ? { STORE_TABLE: table.tableName } : { STORE_BUCKET: media.bucketName }),
        },
      });
      if (table) {
        // Collect queries by account; erasure deletes in batches (where the store deletes).
        grantItems(table, fn, store.erasure.action === 'delete' ? ['Query', 'BatchWriteItem'] : ['Query'], `the ${store.id} store`);
      } else if (store.location.kind === 's3') {
        const prefix = `${store.location.keyPrefix}*`;
        media.grantRead(fn, prefix);
        media.grantDelete(fn, prefix);
        acknowledgeWildcards(
          fn,
          `Reads, lists and deletes the ${store.id} store's objects only: the bucket grants are limited to the key prefix ${prefix} (s3:GetObject*/s3:GetBucket*/s3:List*/s3:DeleteObject* are the CDK grant's action groups; keys are per account, so a prefix wildcard is required).`,
          [
            wildcardResource(this, media.arnForObjects(prefix)),
            wildcardAction('s3:GetObject*'),
            wildcardAction('s3:GetBucket*'),
            wildcardAction('s3:List*'),
            wildcardAction('s3:DeleteObject*'),
          ],
        );
      }
      // Claims each part and records its progress in the requests table (conditional updates).
      grantItems(props.requestsTable, fn, REQUESTS_TABLE_ACCESS.write, 'the requests table');
      props.exportBucket.grantPut(fn, 'work/*');
      fn.acknowledgeKeyGrant('the export bucket key');
      acknowledgeWildcards(
        fn,
        'Writes export parts under work/ only (s3:Abort* lets it abort its own multipart uploads; object names are per request, so a prefix wildcard is required).',
        [
          wildcardResource(this, props.exportBucket.arnForObjects('work/*')),
          wildcardAction('s3:Abort*'),
        ],
      );
      this.functions.set(store.id, fn);
    }
  }
}
