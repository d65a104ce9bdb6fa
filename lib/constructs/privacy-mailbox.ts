import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType, S3 } from 'aws-cdk-lib/aws-ses-actions';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { attachmentsPrefix } from '../../functions/core/mail/attachments.js';
import type * as z from 'zod';
import { inboundMailVariables, mailIntakeContract } from '../../functions/mail-intake/contract.js';
import { grantIntakeItems, grantSentMailLookup } from '../grants.js';
import { acknowledgeBucketControls, acknowledgeControl, acknowledgeWildcards, wildcardAction, wildcardResource } from '../nag.js';
import type { WatchStarter } from './deadline-watch.js';
import { DsrFunction } from './dsr-function.js';
import type { RequestStore } from './request-store.js';

/** The address the privacy policy (§8, §15) names for exercising rights. */
export const DEFAULT_PRIVACY_ADDRESS = 'privacy@kiara-api.com';

/** Where SES puts the raw messages in the inbound-mail bucket. */
export const INBOUND_PREFIX = 'inbound/';
/** Where the mail intake puts their attachments, decoded (under the same lifecycle rule). */
export const ATTACHMENTS_PREFIX = attachmentsPrefix(INBOUND_PREFIX);

export interface PrivacyMailboxProps {
  /** The requests table and key, and the access-log bucket, of the request store. */
  store: RequestStore;
  /** The DSR workflow and deadline watch the mail intake starts. */
  workflow: IStateMachine;
  watch: WatchStarter;
  /** The secret request ids are derived with (the intake's): one Message-ID, one request. */
  requestIdKey: ISecret;
  /** The admin API's function: it presigns the privacy team's downloads of stored attachments. */
  teamApi: DsrFunction;
  /**
   * The workflow steps that delete a person's received mail: ErasePackages after an
   * erasure, Close after an erasure request that found no data.
   */
  mailErasers: readonly DsrFunction[];
  /** @default privacy@kiara-api.com */
  privacyAddress?: string;
  /** Years the raw messages are kept (S3 lifecycle, counted from receipt). @default 6 */
  retentionYears?: number;
  /** Keep the bucket when the stack is deleted. @default true */
  retainOnDelete?: boolean;
  logKey?: IKey;
}

/**
 * The privacy mailbox as an intake channel: an SES receipt rule set for the privacy
 * address stores each raw message in a KMS-encrypted bucket, then invokes the mail-intake
 * Lambda (functions/mail-intake). A rule set receives nothing until it is made the
 * active one, by hand (README, "Deploying to AWS").
 */
export class PrivacyMailbox extends Construct {
  readonly bucket: Bucket;
  readonly intake: DsrFunction;
  readonly ruleSet: ReceiptRuleSet;
  readonly privacyAddress: string;

  constructor(scope: Construct, id: string, props: PrivacyMailboxProps) {
    super(scope, id);
    const privacyAddress = (this.privacyAddress = props.privacyAddress ?? DEFAULT_PRIVACY_ADDRESS);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(privacyAddress)) {
      throw new Error(`PrivacyMailbox: privacyAddress "${privacyAddress}" is not an email address`);
    }
    const retentionYears = props.retentionYears ?? 6;
    if (!Number.isInteger(retentionYears) || retentionYears < 1) {
      throw new Error('PrivacyMailbox: retentionYears must be a whole number of years, at least 1');
    }
    const { table, key } = props.store;

    this.bucket = new Bucket(this, 'InboundMail', {
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy: props.retainOnDelete === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      lifecycleRules: [{ prefix: INBOUND_PREFIX, expiration: Duration.days(retentionYears * 366) }],
    });
    props.store.logAccess(this.bucket, 'inbound-mail/');
    acknowledgeBucketControls(this.bucket, {
      s3_bucket_versioning_enabled_check:
        'SES writes each message once under a new key; versions would keep messages past their lifecycle expiry, which must delete them.',
    });
    // SES writes each message under SSE-KMS (the bucket's default key).
    key.allowSesReceipts();

    this.intake = new DsrFunction(this, 'MailIntake', {
      contract: mailIntakeContract,
      description: 'DSR privacy mailbox: read a received message, file it as a request or add it to one',
      environment: {
        REQUESTS_TABLE: table.tableName,
        MAIL_BUCKET: this.bucket.bucketName,
        MAIL_PREFIX: INBOUND_PREFIX,
        STATE_MACHINE_ARN: props.workflow.stateMachineArn,
        ...props.watch.startEnvironment,
        REQUEST_ID_KEY_ARN: props.requestIdKey.secretArn,
      },
      timeout: Duration.seconds(60),
      memorySize: 1024,
      logKey: props.logKey,
    });
    this.grantIntake(table);
    this.grantAttachmentDownloads(props.teamApi);
    for (const fn of props.mailErasers) this.grantMailErasure(fn);
    props.workflow.grantStartExecution(this.intake);
    props.watch.stateMachine.grantStartExecution(this.intake);
    props.requestIdKey.grantRead(this.intake);

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', {
      rules: [
        {
          recipients: [privacyAddress],
          scanEnabled: true,
          tlsPolicy: TlsPolicy.OPTIONAL,
          actions: [
            new S3({ bucket: this.bucket, objectKeyPrefix: INBOUND_PREFIX }),
            new Lambda({ function: this.intake, invocationType: LambdaInvocationType.EVENT }),
          ],
        },
      ],
    });
    const sesPermission = this.intake.permissionsNode.tryFindChild('AllowSes');
    if (sesPermission) {
      acknowledgeControl(
        sesPermission,
        'lambda_function_public_access_prohibited_check',
        'Only the SES service principal may invoke the mail intake, and only for this account (SourceAccount is the stack\'s own account id, a Ref the rule cannot read); SES offers no receipt-rule ARN attribute to name as SourceArn.',
      );
    }
  }

  /**
   * The intake use case's items, the sent-mail index, reading the messages, and writing
   * their decoded attachments under inbound/attachments/ (never a message, never a delete).
   */
  private grantIntake(table: ITable) {
    grantIntakeItems(table, this.intake);
    grantSentMailLookup(table, this.intake);
    // A reply joins its request: it is stored as an item of that request (a put) and read
    // back by the admin API, not by this function.
    this.bucket.grantRead(this.intake, `${INBOUND_PREFIX}*`);
    this.bucket.grantPut(this.intake, `${ATTACHMENTS_PREFIX}*`);
    this.intake.acknowledgeKeyGrant('the inbound-mail bucket\'s key (attachments are written with it)');
    acknowledgeWildcards(
      this.intake,
      'Reads the received messages SES stored under inbound/ (keys are SES message ids) and writes their attachments under inbound/attachments/<SES message id>/<part>; s3:GetObject*/GetBucket*/List*/PutObject*/Abort* are the CDK read and put grants\' action groups, on this bucket only.',
      [
        wildcardResource(this, this.bucket.arnForObjects(`${INBOUND_PREFIX}*`)),
        wildcardResource(this, this.bucket.arnForObjects(`${ATTACHMENTS_PREFIX}*`)),
        wildcardAction('s3:GetObject*'),
        wildcardAction('s3:GetBucket*'),
        wildcardAction('s3:List*'),
        wildcardAction('s3:PutObject*'),
        wildcardAction('s3:Abort*'),
      ],
    );
  }

  /**
   * The admin API presigns 5-minute GETs of stored attachments for the privacy team: read
   * on inbound/attachments/ only, never the raw messages.
   */
  private grantAttachmentDownloads(fn: DsrFunction) {
    this.tellWhereMailIs(fn);
    this.bucket.grantRead(fn, `${ATTACHMENTS_PREFIX}*`);
    acknowledgeWildcards(
      fn,
      'Presigns the privacy team\'s downloads of mailed attachments: the inbound-mail bucket read grant is limited to inbound/attachments/* (keys per SES message id and part); s3:GetObject*/GetBucket*/List* are the CDK read grant\'s action groups, on this bucket only.',
      [
        wildcardResource(this, this.bucket.arnForObjects(`${ATTACHMENTS_PREFIX}*`)),
        wildcardAction('s3:GetObject*'),
        wildcardAction('s3:GetBucket*'),
        wildcardAction('s3:List*'),
      ],
    );
  }

  /** `inboundMailVariables` of a function's contract: set here, since the mailbox is built after the function. */
  private tellWhereMailIs(fn: DsrFunction) {
    const environment = { INBOUND_MAIL_BUCKET: this.bucket.bucketName, INBOUND_MAIL_PREFIX: INBOUND_PREFIX } satisfies z.input<z.ZodObject<typeof inboundMailVariables>>;
    for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
  }

  /** An erasure deletes the person's received mail and its attachments: delete on inbound/ only. */
  private grantMailErasure(fn: DsrFunction) {
    this.tellWhereMailIs(fn);
    this.bucket.grantDelete(fn, `${INBOUND_PREFIX}*`);
    acknowledgeWildcards(
      fn,
      'An erasure deletes the person\'s received messages and their attachments (ErasePackages; Close when the erasure request found no data): keys are per SES message id under inbound/, so the grant is on <bucket>/inbound/*; s3:DeleteObject* is the CDK bucket grant\'s action group, on this bucket only.',
      [wildcardResource(this, this.bucket.arnForObjects(`${INBOUND_PREFIX}*`)), wildcardAction('s3:DeleteObject*')],
    );
  }
}
