import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  JsonSchemaVersion,
  LambdaIntegration,
  LogGroupLogDestination,
  Method,
  MethodLoggingLevel,
  type MethodOptions,
  ResponseType,
  RestApi,
  type JsonSchema,
} from 'aws-cdk-lib/aws-apigateway';
import { AccountRecovery, FeaturePlan, Mfa, UserPool, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { grantIntakeItems, grantItems, REQUESTS_TABLE_ACCESS } from '../grants.js';
import { adminContract } from '../../functions/admin/contract.js';
import { correctableStores } from '../../functions/core/inventory/index.js';
import type { EnvironmentOf } from '../../functions/shared/contract.js';
import { gatewayModelSchema } from '../../functions/core/intake/openapi.js';
import { downloadsContract } from '../../functions/downloads/contract.js';
import { identityContract } from '../../functions/identity/contract.js';
import { intakeContract } from '../../functions/intake/contract.js';
import { openApiContract } from '../../functions/openapi/contract.js';
import { acknowledge, acknowledgeControl, acknowledgeWildcards, wildcardAction, wildcardResource } from '../nag.js';
import type { WatchStarter } from './deadline-watch.js';
import { DsrFunction } from './dsr-function.js';
import { grantSendEmail, type MailSettings } from './workflow-steps.js';

// Routes carry their own version (/v1/...), so the stage is named for the environment.
export const API_STAGE = 'prod';

export interface DsrApiProps {
  requestsTable: ITable;
  exportBucket: IBucket;
  mail: MailSettings;
  logKey?: IKey;
  /**
   * Pause the legal clock while Kiara waits for the identity confirmation it asked for
   * (an EDPB interpretation, gdpr-rules §3). Default false.
   */
  identityPause?: boolean;
  /** Stage throttling. Defaults: 20 requests/s, bursts of 40. */
  throttle?: { rateLimit: number; burstLimit: number };
  /**
   * Requests one client IP may make in any 5 minutes before AWS WAF answers 429 for a
   * while (a rate-based rule on a web ACL of the stage). Absent: no WAF (it costs money).
   */
  wafRateLimit?: number;
  /**
   * How the admin routes authenticate. `cognito` (default): a Cognito user-pool authorizer
   * (group `privacy-team`, MFA). `token`: for the LocalStack target only, whose community
   * edition has no authorizers: the admin Lambda itself checks a bearer token kept in
   * Secrets Manager (`AdminTokenSecretArn`).
   */
  adminAuth?: 'cognito' | 'token';
  /**
   * The tables of the stores whose rectifiable item a correction (Art. 16) writes, by store
   * id: the admin API may update items there, nothing else.
   * @default none: a correction through the review fails, the team corrects by hand
   */
  correctionTables?: ReadonlyMap<string, ITable>;
  /** The API's public base URL for links in emails. Default: its execute-api URL in AWS. */
  publicBaseUrl?: (api: RestApi, stage: string) => string;
}

const THROTTLED_BODY = JSON.stringify({ error: { code: 'throttled', message: 'Too many requests; retry later.' } });

/**
 * The REST API: the signed intake webhook, the identity-link and download pages for data
 * subjects, and the admin routes for the privacy team behind a Cognito authorizer.
 * The API is created first so that the workflow can link to it; `connect` adds the
 * routes once the state machine exists.
 */
export class DsrApi extends Construct {
  readonly api: RestApi;
  /** The privacy team's sign-in (absent with `adminAuth: 'token'`). */
  readonly userPool?: UserPool;
  /** The admin bearer token (only with `adminAuth: 'token'`). */
  readonly adminTokenSecret?: Secret;
  readonly webhookSecret: Secret;
  /** The intake's key for deriving request ids from delivery keys; never rotated. */
  readonly requestIdKey: Secret;
  /** The API's base URL, built from its id so Lambdas can use it without a cycle. */
  readonly baseUrl: string;
  /** The admin routes' function (set by `connect`): the privacy mailbox grants it the attachment downloads. */
  admin!: DsrFunction;

  constructor(scope: Construct, id: string, private readonly props: DsrApiProps) {
    super(scope, id);
    const correctable = correctableStores().map((store) => store.id);
    for (const storeId of props.correctionTables?.keys() ?? []) {
      if (!correctable.includes(storeId)) throw new Error(`DsrApi: correctionTables names "${storeId}", not a store a correction writes in (${correctable.join(', ')})`);
    }
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
    acknowledge(
      this.api.node.tryFindChild('CloudWatchRole') ?? this.api,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      'The account-level role API Gateway writes access and execution logs with; the AWS managed policy is limited to CloudWatch Logs actions and is the one AWS documents for it.',
    );
    acknowledgeControl(
      this.api,
      'lambda_function_public_access_prohibited_check',
      'Each route\'s Lambda permission names API Gateway with SourceArn set to this API\'s execute-api ARN for that method; the rule reads only a literal string or a Ref there, not the Fn::Join the CDK writes.',
    );
    if (props.wafRateLimit === undefined) {
      acknowledge(
        this.api.deploymentStage,
        'AwsSolutions-APIG3',
        'AWS WAF is opt-in (wafRateLimit) because it is billed per web ACL and request; without it the stage throttles (20 req/s, burst 40), the intake verifies an HMAC signature and rate-limits per person, and tokens in links are single-purpose and expiring.',
      );
    }
    this.errorResponses();
    if (props.wafRateLimit !== undefined) this.rateLimitWithWaf(props.wafRateLimit);
    const stack = Stack.of(this);
    this.baseUrl = props.publicBaseUrl?.(this.api, API_STAGE) ?? `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${API_STAGE}`;

    this.webhookSecret = new Secret(this, 'WebhookSecret', {
      description: 'Kiara DSR intake: JSON object of the active HMAC secrets (current, and previous during a rotation)',
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'current', excludePunctuation: true, passwordLength: 48 },
      encryptionKey: props.logKey,
    });
    this.requestIdKey = new Secret(this, 'RequestIdKey', {
      description: 'Kiara DSR intake: HMAC key that derives a request id from its delivery key (idempotency)',
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
      encryptionKey: props.logKey,
    });
    acknowledge(
      this.requestIdKey,
      'AwsSolutions-SMG4',
      'Request ids are derived from delivery keys with this key: a rotated key would give a retry of a delivery made before the rotation another id, and so a second request. It never leaves AWS (only the intake reads it).',
    );
    acknowledge(
      this.webhookSecret,
      'AwsSolutions-SMG4',
      'The HMAC secret is shared with an external caller (Kiara\'s webhook sender), so an automatic rotation would break its signatures; it is rotated by the documented two-secret procedure (add "previous", switch the caller, remove it).',
    );
    if (props.adminAuth === 'token') {
      this.adminTokenSecret = new Secret(this, 'AdminToken', {
        description: 'Kiara DSR on LocalStack: the bearer token of the admin API (no Cognito there)',
        generateSecretString: { excludePunctuation: true, passwordLength: 48 },
        encryptionKey: props.logKey,
      });
    } else {
      this.userPool = this.privacyTeamPool();
    }
  }

  /** Sign-in for the privacy team: no self sign-up, MFA, the `privacy-team` group. */
  private privacyTeamPool(): UserPool {
    const pool = new UserPool(this, 'PrivacyTeam', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14, requireSymbols: true, requireDigits: true, requireUppercase: true, requireLowercase: true },
      // Plus: threat protection (compromised credentials, adaptive authentication) for the
      // few privacy-team accounts that can see and approve requests.
      featurePlan: FeaturePlan.PLUS,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new UserPoolGroup(this, 'PrivacyTeamGroup', { userPool: pool, groupName: 'privacy-team' });
    return pool;
  }

  /**
   * Who may call the admin routes: Cognito users of the privacy-team group, checked by an
   * authorizer; or, with `adminAuth: 'token'`, callers with the bearer token, checked by
   * the admin Lambda (ADMIN_TOKEN_SECRET_ARN), since LocalStack runs no authorizers.
   */
  private adminRouteAuth(admin: DsrFunction): MethodOptions {
    if (this.adminTokenSecret) {
      this.adminTokenSecret.grantRead(admin);
      return { authorizationType: AuthorizationType.NONE };
    }
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [this.userPool!] });
    return { authorizer, authorizationType: AuthorizationType.COGNITO };
  }

  /** API Gateway's own refusals in the handlers' error shape: `{ error: { code, message } }`. */
  private errorResponses(): void {
    this.api.addGatewayResponse('Throttled', {
      type: ResponseType.THROTTLED,
      statusCode: '429',
      responseHeaders: { 'Retry-After': "'1'" },
      templates: { 'application/json': THROTTLED_BODY },
    });
    this.api.addGatewayResponse('BadRequestBody', {
      type: ResponseType.BAD_REQUEST_BODY,
      statusCode: '400',
      templates: {
        'application/json': JSON.stringify({
          error: {
            code: 'validation_failed',
            message: 'The request body does not match the schema (GET /v1/openapi.json).',
            fields: [{ path: '(body)', code: 'schema_mismatch', message: '$context.error.messageString' }],
          },
        }).replace('"$context.error.messageString"', '$context.error.messageString'),
      },
    });
  }

  /** A WAF web ACL on the stage whose rate-based rule answers 429 per client IP. */
  private rateLimitWithWaf(limit: number): void {
    if (!Number.isInteger(limit) || limit < 10) throw new Error('DsrApi: wafRateLimit must be an integer of at least 10');
    // Sampled requests would keep headers (the webhook signature among them): off.
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: false });
    const acl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('KiaraDsrApi'),
      customResponseBodies: { throttled: { contentType: 'APPLICATION_JSON', content: THROTTLED_BODY } },
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'throttled',
                responseHeaders: [{ name: 'Retry-After', value: '300' }],
              },
            },
          },
          visibilityConfig: visibility('KiaraDsrApiRateLimit'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: acl.attrArn,
    });
  }

  /** Adds the routes; the handlers need the state machines they start and resume. */
  connect(stateMachine: IStateMachine, watch: WatchStarter, notices: IStateMachine, restrictionLift: IStateMachine): void {
    const { requestsTable, exportBucket, mail, logKey, correctionTables = new Map<string, ITable>() } = this.props;
    const intake = new DsrFunction(this, 'Intake', {
      contract: intakeContract,
      description: 'DSR intake webhook: verify signature, validate, store, start',
      environment: {
        REQUESTS_TABLE: requestsTable.tableName,
        STATE_MACHINE_ARN: stateMachine.stateMachineArn,
        WEBHOOK_SECRET_ARN: this.webhookSecret.secretArn,
        REQUEST_ID_KEY_ARN: this.requestIdKey.secretArn,
      },
      logKey,
      timeout: Duration.seconds(15),
    });
    grantIntakeItems(requestsTable, intake);
    // Only the workflow: its first step, Acknowledge, starts the deadline watch.
    stateMachine.grantStartExecution(intake);
    this.webhookSecret.grantRead(intake);
    this.requestIdKey.grantRead(intake);

    const identity = new DsrFunction(this, 'Identity', {
      contract: identityContract,
      description: 'DSR identity link: confirmation page, confirm, resend',
      environment: {
        REQUESTS_TABLE: requestsTable.tableName,
        PUBLIC_API_URL: this.baseUrl,
        SENDER_EMAIL: mail.senderEmail,
        IDENTITY_PAUSE: this.props.identityPause ? 'true' : 'false',
      },
      logKey,
      timeout: Duration.seconds(15),
    });
    grantItems(requestsTable, identity, REQUESTS_TABLE_ACCESS.writeAndMail, 'the requests table');
    // Resumes the identity step with SendTaskSuccess only (never failure or heartbeat).
    stateMachine.grant(identity, 'states:SendTaskSuccess');
    grantSendEmail(identity, mail.senderEmail);

    const openApi = new DsrFunction(this, 'OpenApi', {
      contract: openApiContract,
      description: 'DSR public API description (OpenAPI 3.1)',
      environment: {},
      logKey,
      timeout: Duration.seconds(5),
    });

    const downloads = new DsrFunction(this, 'Downloads', {
      contract: downloadsContract,
      description: 'DSR package download: short-lived link',
      environment: { REQUESTS_TABLE: requestsTable.tableName, EXPORT_BUCKET: exportBucket.bucketName },
      logKey,
      timeout: Duration.seconds(15),
    });
    // Reads the link and the request; appends the package_downloaded audit event.
    grantItems(requestsTable, downloads, REQUESTS_TABLE_ACCESS.append, 'the requests table');
    exportBucket.grantRead(downloads, 'packages/*');
    acknowledgeWildcards(
      downloads,
      'Presigns GETs of access packages only: the export bucket read grant is limited to packages/* (package names are per request); s3:GetObject*/GetBucket*/List* are the CDK read grant\'s action groups on this bucket.',
      [
        wildcardResource(this, exportBucket.arnForObjects('packages/*')),
        wildcardAction('s3:GetObject*'),
        wildcardAction('s3:GetBucket*'),
        wildcardAction('s3:List*'),
      ],
    );

    const admin = (this.admin = new DsrFunction(this, 'Admin', {
      contract: adminContract,
      description: 'DSR admin API for the privacy team',
      environment: {
        REQUESTS_TABLE: requestsTable.tableName,
        STATE_MACHINE_ARN: stateMachine.stateMachineArn,
        ...watch.startEnvironment,
        NOTICE_SENDER_ARN: notices.stateMachineArn,
        RESTRICTION_LIFT_ARN: restrictionLift.stateMachineArn,
        SENDER_EMAIL: mail.senderEmail,
        PUBLIC_API_URL: this.baseUrl,
        CORRECTION_TABLES: JSON.stringify(Object.fromEntries([...correctionTables].map(([storeId, table]) => [storeId, table.tableName]))),
        // A team filing's request id is derived from its delivery key, as the webhook's is.
        REQUEST_ID_KEY_ARN: this.requestIdKey.secretArn,
        ...(this.adminTokenSecret ? { ADMIN_TOKEN_SECRET_ARN: this.adminTokenSecret.secretArn } : {}),
      } satisfies EnvironmentOf<typeof adminContract>,
      logKey,
      timeout: Duration.seconds(15),
    }));
    grantItems(requestsTable, admin, REQUESTS_TABLE_ACCESS.writeAndMail, 'the requests table');
    // A correction is one conditional update of the account's rectifiable item; when that
    // fails, one read tells a correction an earlier try wrote from a stale one.
    for (const [storeId, table] of correctionTables) grantItems(table, admin, ['UpdateItem', 'GetItem'], `the ${storeId} store`);
    // The admin API resumes waiting steps (SendTaskSuccess); it reads state from the table only.
    stateMachine.grant(admin, 'states:SendTaskSuccess');
    // Triage of held mail (no acknowledgement went out yet) starts its workflow; a request
    // the team files starts its workflow and deadline watch.
    stateMachine.grantStartExecution(admin);
    watch.stateMachine.grantStartExecution(admin);
    // An action that queues a notice to the requester starts its sender.
    notices.grantStartExecution(admin);
    // A lift, once the person was told, starts the release of the restriction's marks.
    restrictionLift.grantStartExecution(admin);
    this.requestIdKey.grantRead(admin);
    grantSendEmail(admin, mail.senderEmail);

    const v1 = this.api.root.addResource('v1');
    const intakeRoute = v1.addResource('requests');
    const intakeMethod = intakeRoute.addMethod('POST', new LambdaIntegration(intake), {
      // Structure is checked before the Lambda runs; the handler checks the rest (formats,
      // the signature, the receipt window) and answers with per-field codes.
      requestValidator: this.api.addRequestValidator('IntakeValidator', {
        validateRequestBody: true,
        validateRequestParameters: true,
      }),
      requestModels: {
        'application/json': this.api.addModel('IntakeRequestModel', {
          contentType: 'application/json',
          modelName: 'IntakeRequest',
          // Generated from the zod schema the handler validates with (see openapi.ts).
          schema: { ...gatewayModelSchema(), schema: JsonSchemaVersion.DRAFT4 } as JsonSchema,
        }),
      },
    });
    const resend = intakeRoute
      .addResource('{requestId}')
      .addResource('resend-verification')
      .addMethod('POST', new LambdaIntegration(identity));
    const openApiDoc = v1.addResource('openapi.json').addMethod('GET', new LambdaIntegration(openApi));
    const verify = v1.addResource('verify').addResource('{token}');
    const verifyPage = verify.addMethod('GET', new LambdaIntegration(identity));
    const verifyConfirm = verify.addMethod('POST', new LambdaIntegration(identity));
    const download = v1.addResource('downloads').addResource('{token}').addMethod('GET', new LambdaIntegration(downloads));

    // The public routes are not Cognito-authorized on purpose: the data subject has no
    // account, and Kiara's webhook sender is a server. Each says what protects it instead.
    const publicRoute = (method: Method, why: string) => {
      acknowledge(method, 'AwsSolutions-APIG4', why);
      acknowledge(method, 'AwsSolutions-COG4', why);
    };
    publicRoute(
      intakeMethod,
      'Signed intake webhook called by Kiara\'s server, not a person: every delivery carries an HMAC-SHA256 signature over timestamp and body (webhook secret) that the handler verifies, with a receipt window, before anything is stored.',
    );
    publicRoute(
      resend,
      'Data subject asking for a new identity link: the data subject has no account; the request id is unguessable, the new link only goes to the address on file, and it is rate-limited.',
    );
    publicRoute(
      openApiDoc,
      'Public API description (OpenAPI document) for integrators; static, holds no data.',
    );
    publicRoute(
      verifyPage,
      'Identity link page opened from the email by the data subject, who has no account: the single-use, expiring token in the path (stored only as a hash) is the authorization.',
    );
    publicRoute(
      verifyConfirm,
      'Identity link confirmation by the data subject, who has no account: the single-use, expiring token in the path (stored only as a hash) is the authorization.',
    );
    publicRoute(
      download,
      'Download link of an access package for the data subject, who has no account: the expiring token in the path is the authorization and answers with a short-lived presigned URL.',
    );

    const adminOptions = this.adminRouteAuth(admin);
    const adminIntegration = new LambdaIntegration(admin);
    const adminRoot = this.api.root.addResource('admin');
    const requests = adminRoot.addResource('requests');
    const one = requests.addResource('{id}');
    const restricted = adminRoot.addResource('restrictions');
    const adminMethods = [
      restricted.addMethod('GET', adminIntegration, adminOptions),
      restricted.addResource('{id}').addResource('lift').addMethod('POST', adminIntegration, adminOptions),
      requests.addMethod('GET', adminIntegration, adminOptions),
      requests.addMethod('POST', adminIntegration, adminOptions),
      one.addMethod('GET', adminIntegration, adminOptions),
      one.addResource('{action}').addMethod('POST', adminIntegration, adminOptions),
      // A mailed attachment, for the team only: a 5-minute link (functions/admin/attachments.ts).
      one.addResource('mail').addResource('{mailId}').addResource('attachments').addResource('{part}').addMethod('GET', adminIntegration, adminOptions),
      // Mail the intake did not file, once the team dealt with it (functions/admin/unfiled-mail.ts).
      adminRoot.addResource('unfiled-mail').addResource('{mailId}').addResource('clear').addMethod('POST', adminIntegration, adminOptions),
    ];
    if (this.adminTokenSecret) {
      for (const method of adminMethods) {
        publicRoute(
          method,
          'LocalStack target only (its community edition has no API Gateway authorizers): the admin Lambda itself refuses every call without the bearer token from the AdminToken secret, and the template carries a rule that makes CloudFormation refuse it in any account but LocalStack\'s.',
        );
      }
    }
  }
}
