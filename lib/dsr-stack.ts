import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DeadlineWatch } from './constructs/deadline-watch.js';
import { DsrApi } from './constructs/dsr-api.js';
import { DsrWorkflow } from './constructs/dsr-workflow.js';
import { NoticeSender } from './constructs/notice-sender.js';
import { Restrictions } from './constructs/restrictions.js';
import { StoreWork } from './constructs/store-work.js';
import { Operations } from './constructs/operations.js';
import { PrivacyConsole } from './constructs/privacy-console.js';
import { PrivacyMailbox } from './constructs/privacy-mailbox.js';
import { RecordsRetention } from './constructs/records-retention.js';
import { KiaraDataPlane, type KiaraDataPlaneProps } from './constructs/kiara-data-plane.js';
import { RequestStore } from './constructs/request-store.js';
import { StoreConnectors } from './constructs/store-connectors.js';
import { WorkflowSteps, type MailSettings } from './constructs/workflow-steps.js';
import { correctableStores, missingRecipientNames, parseRecipientContacts, parseRecipientNames } from '../functions/core/inventory/index.js';
import { localStackApiUrl, refuseOutsideLocalStack, type DeployTarget } from './localstack.js';

export interface DsrStackProps extends StackProps {
  mail: MailSettings;
  /** Kiara's existing stores; absent = demo stores (local runtime, demo deploys). */
  existingStores?: KiaraDataPlaneProps['existing'];
  /** Where the privacy console is served (links in privacy-team emails). */
  consoleUrl?: string;
  /** Days an identity link stays valid; the request closes unverified after. Default 7. */
  identityLinkDays?: number;
  /** Days an access package stays in the export bucket. Default 30. */
  packageExpiryDays?: number;
  /** Pause the legal clock while the identity confirmation is awaited. Default false. */
  identityPause?: boolean;
  /** Requests per 5 minutes per IP above which a WAF rule answers 429. Default: no WAF. */
  wafRateLimit?: number;
  /** Subscribed to the alarm topic (deadline escalations, failures, intake 5xx). */
  alarmEmail?: string;
  /** Days before the strict deadline the privacy team is reminded. Default [7, 2]. */
  reminderDaysBefore?: number[];
  /**
   * Years each closed request's record (request, steps, audit events) is kept after
   * closure; a daily purge then deletes it whole (gdpr-rules.md §6). Whole years, ≥ 1. Default 5.
   */
  recordRetentionYears?: number;
  /**
   * Art. 19 notices: one email address per recipient id of the inventory
   * (`functions/core/inventory/recipients.ts`), e.g. `{ "hosting": "privacy@host.example" }`.
   * A recipient without one is not emailed; its missing notice is logged for the privacy team.
   */
  recipientContacts?: Record<string, string>;
  /**
   * The privacy address people email to exercise their rights: an SES receipt rule set
   * files each message as a request (not on the LocalStack target). Default privacy@kiara-api.com.
   */
  privacyAddress?: string;
  /**
   * The legal names of the recipients (processors) by recipient id, as the access package
   * and the erasure report name them (Art. 15(1)(c)), e.g. `{ "payments": "Acme Pay B.V." }`.
   * Required with `existingStores` for every recipient that has only a demo name
   * (`DEMO_RECIPIENT_NAMES`); without `existingStores` the demo names apply.
   * @default the demo names
   */
  recipientNames?: Record<string, string>;
  /** Keep data-holding resources when the stack is deleted. Default true. */
  retainOnDelete?: boolean;
  /** Objects a restriction's step handles per invocation (media tagged, then files of the hold copied). @default 1000 */
  restrictionMediaPageSize?: number;
  /**
   * `aws` (default), or `localstack` for LocalStack's community edition: no Cognito,
   * privacy console, WAF or dashboard (not available there); the admin API takes a bearer
   * token instead, and CloudFormation refuses the template in a real account.
   */
  target?: DeployTarget;
}

/** The Kiara DSR system: one stack, one construct per concern. */
export class DsrStack extends Stack {
  constructor(scope: Construct, id: string, props: DsrStackProps) {
    super(scope, id, props);
    const identityLinkDays = props.identityLinkDays ?? 7;
    const recipientNames = parseRecipientNames(props.recipientNames);
    // Kiara's real stores: no person may be told a demo name of a processor.
    const unnamed = props.existingStores ? missingRecipientNames(recipientNames) : [];
    if (unnamed.length > 0) {
      throw new Error(`DsrStack: with existingStores set, recipientNames must name the recipients ${unnamed.map((id) => `"${id}"`).join(', ')} (e.g. -c recipientNames='{"${unnamed[0]}": "<legal name>"}'); demo names are for the demo stack only`);
    }
    const localstack = props.target === 'localstack';
    if (localstack) {
      if (props.wafRateLimit !== undefined) throw new Error('DsrStack: wafRateLimit needs AWS WAF, which LocalStack does not provide');
      refuseOutsideLocalStack(this);
    }

    const store = new RequestStore(this, 'RequestStore', {
      packageExpiryDays: props.packageExpiryDays,
      retainOnDelete: props.retainOnDelete,
    });
    const dataPlane = new KiaraDataPlane(this, 'KiaraData', { existing: props.existingStores });
    const accountTable = dataPlane.tables.get('account');
    if (!accountTable) throw new Error('DsrStack: the inventory has no account store');
    const restrictions = new Restrictions(this, 'Restrictions', {
      requestsTable: store.table,
      exportBucket: store.exportBucket,
      accountTable,
      mediaBucket: dataPlane.mediaBucket,
      mediaPageSize: props.restrictionMediaPageSize,
      logKey: store.key,
    });
    const api = new DsrApi(this, 'Api', {
      requestsTable: store.table,
      exportBucket: store.exportBucket,
      mail: props.mail,
      restrictions,
      logKey: store.key,
      wafRateLimit: props.wafRateLimit,
      identityPause: props.identityPause,
      adminAuth: localstack ? 'token' : 'cognito',
      publicBaseUrl: localstack ? localStackApiUrl : undefined,
      correctionTables: new Map(correctableStores().map((s) => [s.id, dataPlane.tables.get(s.id)!])),
    });

    // No console on LocalStack (CloudFront is not there): emails link to the admin API.
    const privacyConsole = api.userPool && new PrivacyConsole(this, 'Console', { api: api.api, userPool: api.userPool, logKey: store.key });
    const consoleUrl = props.consoleUrl ?? privacyConsole?.url ?? `${api.baseUrl}/admin/requests`;
    const watch = new DeadlineWatch(this, 'DeadlineWatch', {
      requestsTable: store.table,
      mail: props.mail,
      consoleUrl,
      reminderDaysBefore: props.reminderDaysBefore,
      logKey: store.key,
    });
    const steps = new WorkflowSteps(this, 'Steps', {
      requestsTable: store.table,
      exportBucket: store.exportBucket,
      accountTable,
      mail: props.mail,
      publicApiUrl: api.baseUrl,
      consoleUrl,
      watch,
      identityLinkDays,
      packageExpiryDays: props.packageExpiryDays,
      recordRetentionYears: props.recordRetentionYears,
      recipientContacts: parseRecipientContacts(props.recipientContacts),
      recipientNames,
      logKey: store.key,
    });
    const connectors = new StoreConnectors(this, 'Connectors', {
      dataPlane,
      requestsTable: store.table,
      exportBucket: store.exportBucket,
      logKey: store.key,
    });
    const storeWork = new StoreWork(this, 'StoreWork', {
      connectors: connectors.functions,
      connectorTimeout: connectors.timeout,
      logKey: store.key,
    });
    const workflow = new DsrWorkflow(this, 'Workflow', {
      steps,
      storeWork,
      restrict: restrictions.restrict,
      identityTimeout: Duration.days(identityLinkDays),
      logKey: store.key,
    });
    const notices = new NoticeSender(this, 'Notices', {
      requestsTable: store.table,
      mail: props.mail,
      publicApiUrl: api.baseUrl,
      consoleUrl,
      packageExpiryDays: props.packageExpiryDays,
      logKey: store.key,
    });
    api.connect(workflow.stateMachine, watch, notices.stateMachine);
    const retention = new RecordsRetention(this, 'Retention', {
      requestsTable: store.table,
      recordRetentionYears: props.recordRetentionYears,
      logKey: store.key,
    });
    // LocalStack's community edition has no SES receipt rules.
    const mailbox = localstack
      ? undefined
      : new PrivacyMailbox(this, 'Mailbox', {
          store,
          workflow: workflow.stateMachine,
          watch,
          requestIdKey: api.requestIdKey,
          teamApi: api.admin,
          mailErasers: [steps.erasePackages, steps.close],
          privacyAddress: props.privacyAddress,
          // A message outlives the record it belongs to by at most a year.
          retentionYears: retention.years + 1,
          retainOnDelete: props.retainOnDelete,
          logKey: store.key,
        });
    const operations = new Operations(this, 'Operations', {
      workflow: workflow.stateMachine,
      watch: watch.stateMachine,
      notices: notices.stateMachine,
      api: api.api,
      key: store.key,
      alarmEmail: props.alarmEmail,
      retentionPurge: retention.purge,
      dashboard: !localstack,
    });

    if (privacyConsole) new CfnOutput(this, 'ConsoleUrl', { value: privacyConsole.url });
    new CfnOutput(this, 'ApiUrl', { value: api.baseUrl });
    new CfnOutput(this, 'IntakeUrl', { value: `${api.baseUrl}/v1/requests` });
    new CfnOutput(this, 'StateMachineArn', { value: workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'DeadlineWatchArn', { value: watch.stateMachine.stateMachineArn });
    if (api.userPool) new CfnOutput(this, 'UserPoolId', { value: api.userPool.userPoolId });
    if (api.adminTokenSecret) new CfnOutput(this, 'AdminTokenSecretArn', { value: api.adminTokenSecret.secretArn });
    new CfnOutput(this, 'RequestsTableName', { value: store.table.tableName });
    new CfnOutput(this, 'ExportBucketName', { value: store.exportBucket.bucketName });
    new CfnOutput(this, 'StoreLocations', { value: Stack.of(this).toJsonString(dataPlane.locations()) });
    new CfnOutput(this, 'AlarmTopicArn', { value: operations.topic.topicArn });
    new CfnOutput(this, 'WebhookSecretArn', { value: api.webhookSecret.secretArn });
    if (mailbox) {
      new CfnOutput(this, 'ReceiptRuleSetName', { value: mailbox.ruleSet.receiptRuleSetName });
      new CfnOutput(this, 'InboundMailBucketName', { value: mailbox.bucket.bucketName });
    }
  }
}
