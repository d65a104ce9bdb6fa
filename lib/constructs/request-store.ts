import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeBucketControls } from '../nag.js';
import { DsrKey } from './dsr-key.js';
import { closedIndex, listIndex, personIndex, restrictionIndex, sentMailIndex } from '../../functions/core/request/keys.js';

/** Days a work file outlives its request at most (see the export bucket's lifecycle). */
const WORK_EXPIRY_DAYS = 120;

export interface RequestStoreProps {
  /** Days an access package stays downloadable before S3 expires it. Default 30. */
  packageExpiryDays?: number;
  /** Keep the requests table and key when the stack is deleted. Default true. */
  retainOnDelete?: boolean;
  /** Days the export bucket's server access logs are kept. Default 365. */
  accessLogDays?: number;
}

/**
 * Where the workflow keeps its own records: the requests table (request items, audit
 * events, pending steps, email markers, store progress) and the export bucket (work
 * files and access packages), both under one customer-managed key with rotation.
 */
export class RequestStore extends Construct {
  readonly key: DsrKey;
  readonly table: Table;
  readonly exportBucket: Bucket;
  /** Server access logs of the export bucket (who fetched or deleted which package). */
  readonly accessLogBucket: Bucket;

  constructor(scope: Construct, id: string, props: RequestStoreProps = {}) {
    super(scope, id);
    const removalPolicy = props.retainOnDelete === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.key = new DsrKey(this, 'Key', {
      description: 'Kiara DSR: requests, audit trail, export packages and logs',
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
    // Sparse: closed requests by closure time, for the retention purge (keys-only: the
    // purge needs the request id and closedAt, both in the sort key).
    this.table.addGlobalSecondaryIndex({
      indexName: closedIndex.name,
      partitionKey: { name: 'closedPk', type: AttributeType.STRING },
      sortKey: { name: 'closedSk', type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    // The requests of one address (hashed), for ResolveSubject: only their subject.
    this.table.addGlobalSecondaryIndex({
      indexName: personIndex.name,
      partitionKey: { name: 'personPk', type: AttributeType.STRING },
      sortKey: { name: 'personSk', type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: ['requestId', 'subject'],
    });
    // Sparse: the restricted requests (Art. 18), active, lifting or lifted, for GET /admin/restrictions.
    this.table.addGlobalSecondaryIndex({
      indexName: restrictionIndex.name,
      partitionKey: { name: 'restrictionPk', type: AttributeType.STRING },
      sortKey: { name: 'restrictionSk', type: AttributeType.STRING },
    });
    // Sparse: the emails sent, by SES's message id, for a reply's In-Reply-To/References
    // (keys-only: the marker's partition key names the request).
    this.table.addGlobalSecondaryIndex({
      indexName: sentMailIndex.name,
      partitionKey: { name: 'sentPk', type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });

    // S3 server access logs only support SSE-S3 on the target bucket, not SSE-KMS.
    this.accessLogBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogDays ?? 365) }],
    });
    const logSink = 'This bucket is the sink of the export bucket\'s server access logs; logging it into itself would loop and another log bucket would only move the finding.';
    acknowledge(this.accessLogBucket, 'AwsSolutions-S1', logSink);
    acknowledgeBucketControls(this.accessLogBucket, {
      s3_bucket_logging_enabled_check: logSink,
      s3_bucket_default_encryption_kms_check: 'S3 server access logging delivers only to buckets encrypted with SSE-S3, not SSE-KMS; the logs name objects and callers, no personal data.',
      s3_bucket_versioning_enabled_check: 'Access logs are written once and expire after accessLogDays; versions would keep what the lifecycle rule deletes.',
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
        // Work files hold what was collected before the review (data that ages out in its
        // store) until Assemble or Close removes them, so they must outlive the longest
        // request: 3 months after an extension, plus a month overdue. The rule only catches
        // what a failure left.
        { prefix: 'work/', expiration: Duration.days(WORK_EXPIRY_DAYS) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    acknowledgeBucketControls(this.exportBucket, {
      s3_bucket_versioning_enabled_check: 'Versions would keep deleted access packages and work files as noncurrent objects: a package must be gone after packageExpiryDays, work files once the package is assembled.',
    });
    // Server access logs, delivered under a bucket policy (not ACLs: the log bucket
    // enforces bucket-owner object ownership). What `serverAccessLogsBucket` does when the
    // app sets @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy; here without the flag.
    this.logAccess(this.exportBucket, 'exports/');
  }

  /** Delivers a bucket's server access logs to the access-log bucket, under `prefix`. */
  logAccess(bucket: Bucket, prefix: string): void {
    (bucket.node.defaultChild as CfnBucket).loggingConfiguration = {
      destinationBucketName: this.accessLogBucket.bucketName,
      logFilePrefix: prefix,
    };
    this.accessLogBucket.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.accessLogBucket.arnForObjects(`${prefix}*`)],
        conditions: {
          ArnLike: { 'aws:SourceArn': bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
  }
}
