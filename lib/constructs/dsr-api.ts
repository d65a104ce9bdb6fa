import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { AccountRecovery, Mfa, UserPool, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DsrFunction } from './dsr-function.js';
import { grantSendEmail, type MailSettings } from './workflow-steps.js';

// Routes carry their own version (/v1/...), so the stage is named for the environment.
export const API_STAGE = 'prod';

export interface DsrApiProps {
  requestsTable: ITable;
  exportBucket: IBucket;
  mail: MailSettings;
  logKey?: IKey;
  /** Stage throttling. Defaults: 20 requests/s, bursts of 40. */
  throttle?: { rateLimit: number; burstLimit: number };
}

/**
 * The REST API: the signed intake webhook, the identity-link and download pages for data
 * subjects, and the admin routes for the privacy team behind a Cognito authorizer.
 * The API is created first so that the workflow can link to it; `connect` adds the
 * routes once the state machine exists.
 */
export class DsrApi extends Construct {
  readonly api: RestApi;
  readonly userPool: UserPool;
  readonly webhookSecret: Secret;
  /** The API's base URL, built from its id so Lambdas can use it without a cycle. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, private readonly props: DsrApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new RestApi(this, 'Api', {
      restApiName: 'kiara-dsr',
      description: 'Kiara data-subject requests: intake webhook, identity links, downloads, admin',
      deployOptions: {
        stageName: API_STAGE,
        throttlingRateLimit: props.throttle?.rateLimit ?? 20,
        throttlingBurstLimit: props.throttle?.burstLimit ?? 40,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        tracingEnabled: true,
        // Access logs carry no bodies and no query strings (identity tokens live in paths
        // that are hashed server-side, so the log shows only the route template).
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            resourcePath: '$context.resourcePath',
            httpMethod: '$context.httpMethod',
            status: '$context.status',
            responseLatency: '$context.responseLatency',
            requestTime: '$context.requestTimeEpoch',
          }),
        ),
      },
      cloudWatchRole: true,
    });
    const stack = Stack.of(this);
    this.baseUrl = `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${API_STAGE}`;

    this.userPool = new UserPool(this, 'PrivacyTeam', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14, requireSymbols: true, requireDigits: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new UserPoolGroup(this, 'PrivacyTeamGroup', { userPool: this.userPool, groupName: 'privacy-team' });

    this.webhookSecret = new Secret(this, 'WebhookSecret', {
      description: 'Kiara DSR intake: JSON array of active HMAC secrets (two during rotation)',
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'current', excludePunctuation: true, passwordLength: 48 },
      encryptionKey: props.logKey,
    });
  }

  /** Adds the routes; the handlers need the state machine they start and resume. */
  connect(stateMachine: IStateMachine, watch: IStateMachine): void {
    const { requestsTable, exportBucket, mail, logKey } = this.props;
    const environment = {
      REQUESTS_TABLE: requestsTable.tableName,
      STATE_MACHINE_ARN: stateMachine.stateMachineArn,
      WATCH_STATE_MACHINE_ARN: watch.stateMachineArn,
      EXPORT_BUCKET: exportBucket.bucketName,
      SENDER_EMAIL: mail.senderEmail,
      PUBLIC_API_URL: this.baseUrl,
      WEBHOOK_SECRET_ARN: this.webhookSecret.secretArn,
    };
    const fn = (id: string, entry: string, description: string) =>
      new DsrFunction(this, id, { entry, description, environment, logKey, timeout: Duration.seconds(15) });

    const intake = fn('Intake', 'intake', 'DSR intake webhook: verify signature, validate, store, start');
    requestsTable.grantReadWriteData(intake);
    stateMachine.grantStartExecution(intake);
    watch.grantStartExecution(intake);
    this.webhookSecret.grantRead(intake);

    const identity = fn('Identity', 'identity', 'DSR identity link: confirmation page and confirm');
    requestsTable.grantReadWriteData(identity);
    stateMachine.grantTaskResponse(identity);

    const downloads = fn('Downloads', 'downloads', 'DSR package download: short-lived link');
    requestsTable.grantReadData(downloads);
    exportBucket.grantRead(downloads, 'packages/*');

    const admin = fn('Admin', 'admin', 'DSR admin API for the privacy team');
    requestsTable.grantReadWriteData(admin);
    stateMachine.grantTaskResponse(admin);
    stateMachine.grantRead(admin);
    grantSendEmail(admin, mail.senderEmail);

    const v1 = this.api.root.addResource('v1');
    v1.addResource('requests').addMethod('POST', new LambdaIntegration(intake));
    const verify = v1.addResource('verify').addResource('{token}');
    verify.addMethod('GET', new LambdaIntegration(identity));
    verify.addMethod('POST', new LambdaIntegration(identity));
    v1.addResource('downloads').addResource('{token}').addMethod('GET', new LambdaIntegration(downloads));

    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [this.userPool] });
    const adminOptions = { authorizer, authorizationType: AuthorizationType.COGNITO };
    const adminIntegration = new LambdaIntegration(admin);
    const requests = this.api.root.addResource('admin').addResource('requests');
    requests.addMethod('GET', adminIntegration, adminOptions);
    const one = requests.addResource('{id}');
    one.addMethod('GET', adminIntegration, adminOptions);
    one.addResource('{action}').addMethod('POST', adminIntegration, adminOptions);
  }
}
