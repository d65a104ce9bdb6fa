import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeBucketControls } from '../nag.js';
import { emailIndexes, STORES, type StoreDefinition } from '../../functions/core/inventory/index.js';

export interface KiaraDataPlaneProps {
  /**
   * Production: the names of Kiara's existing tables (by store id) and media bucket.
   * Absent: the construct creates demo stores shaped like the inventory says.
   */
  existing?: { tables: Record<string, string>; mediaBucket: string };
}

/** Kiara's own stores, which the connectors read and erase. */
export class KiaraDataPlane extends Construct {
  readonly tables = new Map<string, ITable>();
  readonly mediaBucket: IBucket;

  constructor(scope: Construct, id: string, props: KiaraDataPlaneProps = {}) {
    super(scope, id);
    for (const store of STORES) {
      if (store.location.kind !== 'dynamodb') continue;
      const existingName = props.existing?.tables[store.id];
      if (props.existing && !existingName) {
        throw new Error(`KiaraDataPlane: no existing table named for store "${store.id}"`);
      }
      this.tables.set(
        store.id,
        existingName ? this.existingTable(store, existingName) : this.demoTable(store),
      );
    }
    this.mediaBucket = props.existing
      ? Bucket.fromBucketName(this, 'Media', props.existing.mediaBucket)
      : this.demoMediaBucket();
  }

  /** Where the stores are, in the `existing` shape (the `StoreLocations` output). */
  locations(): NonNullable<KiaraDataPlaneProps['existing']> {
    const tables = Object.fromEntries([...this.tables].map(([storeId, table]) => [storeId, table.tableName]));
    return { tables, mediaBucket: this.mediaBucket.bucketName };
  }

  /** An existing table, with the indexes the inventory says it has (grants then cover them). */
  private existingTable(store: StoreDefinition, tableName: string): ITable {
    const indexes = emailIndexes(store.location).map((index) => index.indexName);
    return Table.fromTableAttributes(this, store.id, { tableName, globalIndexes: indexes.length ? indexes : undefined });
  }

  private demoMediaBucket(): Bucket {
    const bucket = new Bucket(this, 'Media', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      removalPolicy: RemovalPolicy.DESTROY,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    const demo = 'Demo stand-in for Kiara\'s media bucket, holding synthetic data only; a production deploy points at Kiara\'s existing bucket (existingStores), whose settings Kiara owns.';
    acknowledge(bucket, 'AwsSolutions-S1', demo);
    acknowledgeBucketControls(bucket, {
      s3_bucket_logging_enabled_check: demo,
      s3_bucket_default_encryption_kms_check: demo,
      s3_bucket_versioning_enabled_check: demo,
    });
    return bucket;
  }

  private demoTable(store: StoreDefinition): Table {
    if (store.location.kind !== 'dynamodb') throw new Error('not a table store');
    const table = new Table(this, store.id, {
      partitionKey: { name: store.location.partitionKey, type: AttributeType.STRING },
      sortKey: { name: store.location.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: store.location.ttlAttribute,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    for (const { indexName, attribute } of emailIndexes(store.location)) {
      table.addGlobalSecondaryIndex({ indexName, partitionKey: { name: attribute, type: AttributeType.STRING } });
    }
    return table;
  }
}

