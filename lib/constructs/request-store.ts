import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { listIndex } from '../../functions/core/request/keys.js';

export interface RequestStoreProps {
  /** Days an access package stays downloadable before S3 expires it. Default 30. */
  packageExpiryDays?: number;
  /** Keep the requests table and key when the stack is deleted. Default true. */
  retainOnDelete?: boolean;
}

/**
 * Where the workflow keeps its own records: the requests table (request items, audit
 * events, pending steps, email markers, store progress) and the export bucket (work
 * files and access packages), both under one customer-managed key with rotation.
 */
export class RequestStore extends Construct {
  readonly key: Key;
  readonly table: Table;
  readonly exportBucket: Bucket;

  constructor(scope: Construct, id: string, props: RequestStoreProps = {}) {
    super(scope, id);
    const removalPolicy = props.retainOnDelete === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.key = new Key(this, 'Key', {
      description: 'Kiara DSR: requests, audit trail, export packages and logs',
      enableKeyRotation: true,
      removalPolicy,
    });

    this.table = new Table(this, 'Requests', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'expiresAtEpoch',
      deletionProtection: props.retainOnDelete !== false,
      removalPolicy,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: listIndex.name,
      partitionKey: { name: 'listPk', type: AttributeType.STRING },
      sortKey: { name: 'listSk', type: AttributeType.STRING },
    });

    this.exportBucket = new Bucket(this, 'Exports', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
      lifecycleRules: [
        { prefix: 'packages/', expiration: Duration.days(props.packageExpiryDays ?? 30) },
        // Work files are removed after assembly; this catches any that a failure left.
        { prefix: 'work/', expiration: Duration.days(7) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
  }
}
