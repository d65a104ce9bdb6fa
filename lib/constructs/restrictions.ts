import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { storeById } from '../../functions/core/inventory/index.js';
import { RESTRICTED_PREFIX } from '../../functions/core/restriction/marks.js';
import { restrictContract } from '../../functions/workflow/restrict/contract.js';
import { grantItems, REQUESTS_TABLE_ACCESS } from '../grants.js';
import { acknowledgeWildcards, wildcardAction, wildcardResource } from '../nag.js';
import { DsrFunction } from './dsr-function.js';

export interface RestrictionsProps {
  readonly requestsTable: ITable;
  /** The export bucket: the hold moves from work/ to restricted/ while restricted. */
  readonly exportBucket: IBucket;
  /** Kiara's account table: the restriction attribute goes on the account's items. */
  readonly accountTable: ITable;
  /** Kiara's media bucket: the restriction tag goes on the account's objects. */
  readonly mediaBucket: IBucket;
  /**
   * Objects the Restrict step handles per invocation (one S3 list page, 1–1000): media
   * objects tagged, then files of the hold copied; the workflow calls it again while more
   * are left, so any number of files fits Lambda's limits.
   * @default 1000
   */
  readonly mediaPageSize?: number;
  /** @default the AWS-managed key of CloudWatch Logs */
  readonly logKey?: IKey;
}

/**
 * Restriction as a state (Art. 18): the workflow's Restrict step, which marks the data where
 * Kiara's services read it and keeps the hold, and the grants that let the admin API lift it.
 */
export class Restrictions extends Construct {
  readonly restrict: DsrFunction;
  private readonly props: RestrictionsProps;

  constructor(scope: Construct, id: string, props: RestrictionsProps) {
    super(scope, id);
    this.props = props;
    const mediaPageSize = props.mediaPageSize ?? 1000;
    if (!Number.isInteger(mediaPageSize) || mediaPageSize < 1 || mediaPageSize > 1000) {
      throw new Error(`Restrictions: mediaPageSize must be a whole number from 1 to 1000 (one S3 list page), not ${mediaPageSize}`);
    }
    this.restrict = new DsrFunction(this, 'Restrict', {
      contract: restrictContract,
      description: 'DSR: mark a restricted subject\'s data and keep its hold until lifted (Art. 18)',
      environment: { REQUESTS_TABLE: props.requestsTable.tableName, MEDIA_PAGE_SIZE: String(mediaPageSize), ...this.placesEnvironment() },
      logKey: props.logKey,
    });
    grantItems(props.requestsTable, this.restrict, REQUESTS_TABLE_ACCESS.write, 'the requests table');
    this.grantMarks(this.restrict);
    props.exportBucket.grantRead(this.restrict, 'work/*');
    props.exportBucket.grantPut(this.restrict, `${RESTRICTED_PREFIX}*`);
    acknowledgeWildcards(
      this.restrict,
      'Restrict copies the hold of its request from work/<request id>/ to restricted/<request id>/: keys are per request, so the grants are on <bucket>/work/* and <bucket>/restricted/*; s3:GetObject*/GetBucket*/List*/Abort* are the CDK bucket grants\' action groups, on this bucket only.',
      [
        wildcardResource(this, props.exportBucket.arnForObjects('work/*')),
        wildcardResource(this, props.exportBucket.arnForObjects(`${RESTRICTED_PREFIX}*`)),
        wildcardAction('s3:GetObject*'),
        wildcardAction('s3:GetBucket*'),
        wildcardAction('s3:List*'),
        wildcardAction('s3:Abort*'),
      ],
    );
  }

  /** Where a function that sets or removes the marks finds them (the restrict and admin contracts' names). */
  placesEnvironment() {
    return {
      ACCOUNT_TABLE: this.props.accountTable.tableName,
      MEDIA_BUCKET: this.props.mediaBucket.bucketName,
      EXPORT_BUCKET: this.props.exportBucket.bucketName,
    };
  }

  /** Lets `grantee` lift a restriction: remove the marks and delete the held copy. */
  grantLift(grantee: DsrFunction): void {
    this.grantMarks(grantee);
    this.props.exportBucket.grantRead(grantee, `${RESTRICTED_PREFIX}*`);
    this.props.exportBucket.grantDelete(grantee, `${RESTRICTED_PREFIX}*`);
    acknowledgeWildcards(
      grantee,
      'Lifting a restriction deletes the held copy under restricted/<request id>/: keys are per request, so the grants are on <bucket>/restricted/*; s3:GetObject*/GetBucket*/List*/DeleteObject* are the CDK bucket grants\' action groups, on this bucket only.',
      [
        wildcardResource(grantee, this.props.exportBucket.arnForObjects(`${RESTRICTED_PREFIX}*`)),
        wildcardAction('s3:GetObject*'),
        wildcardAction('s3:GetBucket*'),
        wildcardAction('s3:List*'),
        wildcardAction('s3:DeleteObject*'),
      ],
    );
  }

  /** The account items' attribute and the media objects' tag (functions/shared/restriction-marks.ts). */
  private grantMarks(grantee: DsrFunction) {
    const media = storeById('media').location;
    if (media.kind !== 's3') throw new Error('Restrictions: the media store must be an S3 prefix');
    grantItems(this.props.accountTable, grantee, ['Query', 'UpdateItem'], 'the account table');
    const objects = this.props.mediaBucket.arnForObjects(`${media.keyPrefix}*`);
    this.props.mediaBucket.grantRead(grantee, `${media.keyPrefix}*`);
    Grant.addToPrincipal({ grantee: grantee as IGrantable, actions: ['s3:PutObjectTagging'], resourceArns: [objects] });
    acknowledgeWildcards(
      grantee,
      'The restriction tag goes on every media object of the account: keys are per account, so the grants are on <media bucket>/accounts/*; s3:GetObject*/GetBucket*/List* are the CDK bucket read grant\'s action groups (GetObjectTagging), on this bucket only.',
      [wildcardResource(grantee, objects), wildcardAction('s3:GetObject*'), wildcardAction('s3:GetBucket*'), wildcardAction('s3:List*')],
    );
  }
}
