import { Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { RecipientContacts, RecipientNames } from '../../functions/core/inventory/index.js';
import { grantItems, REQUESTS_TABLE_ACCESS, type ItemOperation } from '../grants.js';
import { acknowledgeWildcards, executionsOf, wildcardAction, wildcardResource } from '../nag.js';
import type { FunctionContract } from '../../functions/shared/contract.js';
import { acknowledgeContract } from '../../functions/workflow/acknowledge/contract.js';
import { assembleContract } from '../../functions/workflow/assemble/contract.js';
import { awaitDecisionContract } from '../../functions/workflow/await-decision/contract.js';
import { closeContract } from '../../functions/workflow/close/contract.js';
import { erasePackagesContract } from '../../functions/workflow/erase-packages/contract.js';
import { resolveSubjectContract } from '../../functions/workflow/resolve-subject/contract.js';
import { respondContract } from '../../functions/workflow/respond/contract.js';
import type { WatchStarter } from './deadline-watch.js';
import { DsrFunction } from './dsr-function.js';
import { checkedRetentionYears } from './records-retention.js';
import { stepEnvironment, teamMailEnvironment, type OwnEnvironment } from './step-environment.js';

export interface MailSettings {
  /** Verified SES identity the emails are sent from. */
  senderEmail: string;
  /** Where reminders, escalations and review requests go. */
  privacyTeamEmail: string;
}

export interface WorkflowStepsProps {
  requestsTable: ITable;
  exportBucket: IBucket;
  accountTable: ITable;
  mail: MailSettings;
  /** Base URL of the public API (identity links, downloads). */
  publicApiUrl: string;
  /** Base URL of the privacy console (links in privacy-team emails). */
  consoleUrl: string;
  /** The deadline watch, which Acknowledge starts and Close stops when the request ends. */
  watch: WatchStarter;
  /** Hours a download link in the reply stays valid. Default 168 (7 days). */
  downloadLinkHours?: number;
  /** Days an access package stays in the export bucket (the reply states it). Default 30. */
  packageExpiryDays?: number;
  /** Days the identity link stays valid. Default 7. */
  identityLinkDays?: number;
  /** Years a closed request's record is kept (the package and the erasure report state it). Default 5. */
  recordRetentionYears?: number;
  /** Art. 19 notice addresses by recipient id; Respond sends the notices. Default none. */
  recipientContacts?: RecipientContacts;
  /** The recipients' names by id; Assemble and Respond name them to the requester. Default the demo names. */
  recipientNames?: RecipientNames;
  logKey?: IKey;
}

/** The workflow's own step Lambdas, each granted only what its step needs. */
export class WorkflowSteps extends Construct {
  readonly acknowledge: DsrFunction;
  readonly awaitDecision: DsrFunction;
  readonly resolveSubject: DsrFunction;
  readonly assemble: DsrFunction;
  readonly erasePackages: DsrFunction;
  readonly respond: DsrFunction;
  readonly close: DsrFunction;

  constructor(scope: Construct, id: string, props: WorkflowStepsProps) {
    super(scope, id);
    const shared = {
      ...teamMailEnvironment(props),
      PUBLIC_API_URL: props.publicApiUrl,
      EXPORT_BUCKET: props.exportBucket.bucketName,
      ...props.watch.startEnvironment,
      IDENTITY_LINK_DAYS: String(props.identityLinkDays ?? 7),
      DOWNLOAD_LINK_HOURS: String(props.downloadLinkHours ?? 168),
      PACKAGE_EXPIRY_DAYS: String(props.packageExpiryDays ?? 30),
      RECORD_RETENTION_YEARS: String(checkedRetentionYears(props.recordRetentionYears)),
      RECIPIENT_NAMES: JSON.stringify(props.recipientNames ?? {}),
    };
    const step = <C extends FunctionContract>(id: string, contract: C, description: string, own: OwnEnvironment<C, typeof shared>, timeout?: Duration) =>
      new DsrFunction(this, id, { contract, description, environment: stepEnvironment(contract, shared, own), timeout, logKey: props.logKey });

    this.acknowledge = step('Acknowledge', acknowledgeContract, 'DSR: acknowledge receipt, send the identity link, start the deadline watch', {});
    props.watch.stateMachine.grantStartExecution(this.acknowledge);
    this.awaitDecision = step('AwaitDecision', awaitDecisionContract, 'DSR: park a step until a person decides (callback)', {});
    this.resolveSubject = step('ResolveSubject', resolveSubjectContract, 'DSR: find the Kiara account of the verified requester', {
      ACCOUNT_TABLE: props.accountTable.tableName,
    });
    this.assemble = step('Assemble', assembleContract, 'DSR: stream the access package ZIP', {}, Duration.minutes(15));
    this.erasePackages = step('ErasePackages', erasePackagesContract, 'DSR: after an erasure, delete the earlier packages and revoke their links', {});
    this.respond = step('Respond', respondContract, 'DSR: email the reply to the data subject and Art. 19 notices to recipients', {
      RECIPIENT_CONTACTS: JSON.stringify(props.recipientContacts ?? {}),
    });
    this.close = step('Close', closeContract, 'DSR: close the request, record the outcome and release the hold', {});
    props.watch.stateMachine.grantExecution(this.close, 'states:StopExecution');

    const access = new Map<DsrFunction, readonly ItemOperation[]>([
      [this.acknowledge, REQUESTS_TABLE_ACCESS.writeAndMail],
      [this.awaitDecision, REQUESTS_TABLE_ACCESS.writeAndMail],
      [this.resolveSubject, REQUESTS_TABLE_ACCESS.write],
      [this.assemble, REQUESTS_TABLE_ACCESS.write],
      [this.erasePackages, REQUESTS_TABLE_ACCESS.write],
      [this.respond, REQUESTS_TABLE_ACCESS.writeAndMail],
      [this.close, REQUESTS_TABLE_ACCESS.write],
    ]);
    for (const [fn, operations] of access) {
      grantItems(props.requestsTable, fn, operations, 'the requests table');
    }
    acknowledgeWildcards(
      this.close,
      'Stops the deadline watch execution of the closing request: execution names are per request, so StopExecution is granted on <watch state machine>:* executions of that one state machine.',
      [wildcardResource(this, executionsOf(props.watch.stateMachine))],
    );
    // Finds the account by email through the account table's email index.
    grantItems(props.accountTable, this.resolveSubject, ['Query'], 'the account table');
    // Assemble reads the connectors' parts under work/, writes the package under packages/
    // (multipart, so s3:Abort* too) and deletes work/ once the package is complete
    // (functions/workflow/assemble, functions/connectors/package.ts and keys.ts).
    props.exportBucket.grantRead(this.assemble, 'work/*');
    props.exportBucket.grantDelete(this.assemble, 'work/*');
    props.exportBucket.grantPut(this.assemble, 'packages/*');
    acknowledgeWildcards(
      this.assemble,
      'Assemble reads and deletes the work/ parts of a request and writes its package under packages/: keys are per request, so the grants are on <bucket>/work/* and <bucket>/packages/*; s3:GetObject*/GetBucket*/List*/DeleteObject*/Abort* are the CDK bucket grants\' action groups, on this bucket only.',
      [
        wildcardResource(this, props.exportBucket.arnForObjects('work/*')),
        wildcardResource(this, props.exportBucket.arnForObjects('packages/*')),
        wildcardAction('s3:GetObject*'),
        wildcardAction('s3:GetBucket*'),
        wildcardAction('s3:List*'),
        wildcardAction('s3:DeleteObject*'),
        wildcardAction('s3:Abort*'),
      ],
    );
    // Close lists and deletes what is left under work/ of its request (the hold released).
    props.exportBucket.grantRead(this.close, 'work/*');
    props.exportBucket.grantDelete(this.close, 'work/*');
    acknowledgeWildcards(
      this.close,
      'Close releases the hold of its request: it lists and deletes work/<request id>/; keys are per request, so the grants are on <bucket>/work/*; s3:GetObject*/GetBucket*/List*/DeleteObject* are the CDK bucket grants\' action groups, on this bucket only.',
      [
        wildcardResource(this, props.exportBucket.arnForObjects('work/*')),
        wildcardAction('s3:GetObject*'),
        wildcardAction('s3:GetBucket*'),
        wildcardAction('s3:List*'),
        wildcardAction('s3:DeleteObject*'),
      ],
    );
    // ErasePackages deletes the packages of the person's earlier requests (keys per request).
    props.exportBucket.grantDelete(this.erasePackages, 'packages/*');
    acknowledgeWildcards(
      this.erasePackages,
      'After an erasure, ErasePackages deletes the packages of the person\'s earlier requests: keys are per request, so the grant is on <bucket>/packages/*; s3:DeleteObject* is the CDK bucket grant\'s action group, on this bucket only.',
      [wildcardResource(this, props.exportBucket.arnForObjects('packages/*')), wildcardAction('s3:DeleteObject*')],
    );
    for (const fn of [this.acknowledge, this.awaitDecision, this.respond]) grantSendEmail(fn, props.mail.senderEmail);
  }
}

/** SES permission for one sender identity only. */
export function grantSendEmail(grantee: IGrantable, senderEmail: string): void {
  const stack = Stack.of(grantee as unknown as Construct);
  const domain = senderEmail.split('@')[1] ?? senderEmail;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      // The mailer sends formatted emails only (SendEmail), never raw MIME.
      actions: ['ses:SendEmail'],
      resources: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: senderEmail }),
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain }),
      ],
    }),
  );
}

