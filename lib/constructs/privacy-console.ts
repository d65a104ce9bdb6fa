import { CfnResource, Duration, RemovalPolicy, Stack, DockerImage } from 'aws-cdk-lib';
import type { IRestApi } from 'aws-cdk-lib/aws-apigateway';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { OAuthScope, UserPoolClientIdentityProvider, type IUserPool, type UserPoolClient, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildConsoleSync, CONSOLE_DIR } from '../../console/build.js';
import { acknowledge, acknowledgeBucketControls, acknowledgeControl, acknowledgeWildcards, wildcardAction, wildcardResource } from '../nag.js';

export interface PrivacyConsoleProps {
  /**
   * The DSR REST API. CloudFront forwards `/admin/*` to its stage, so the console calls
   * the admin API on its own origin: no CORS, and the Authorization header is passed on.
   * Only the API's id is used (not its stage resource), so Lambdas may take the console
   * URL as configuration without a dependency cycle.
   */
  readonly api: IRestApi;
  /** The stage the admin routes are deployed in. Default `prod` (DsrApi's API_STAGE). */
  readonly apiStageName?: string;
  /** The privacy team's user pool (group `privacy-team`, MFA): the console signs in through its hosted UI. */
  readonly userPool: IUserPool;
  /**
   * Prefix of the Cognito hosted UI domain (`<prefix>.auth.<region>.amazoncognito.com`),
   * unique per region. Default `kiara-privacy-<account id>`.
   */
  readonly cognitoDomainPrefix?: string;
  /** Custom domain names; need `certificate` (ACM, us-east-1). Default: the CloudFront domain. */
  readonly domainNames?: string[];
  readonly certificate?: ICertificate;
  /** Default PRICE_CLASS_100 (Europe and North America edge locations). */
  readonly priceClass?: PriceClass;
  /** Bucket for CloudFront standard access logs. Default: none. */
  readonly logBucket?: IBucket;
  /** AWS WAF web ACL (ARN, us-east-1) for the distribution. Default: none. */
  readonly webAclId?: string;
  /** How long an ID token (and so a console session) lasts. Default 1 hour. */
  readonly sessionLength?: Duration;
  /** Delete the console bucket with the stack; it holds only the built console. Default true. */
  readonly removeOnDelete?: boolean;
  /** Key that encrypts the log groups of the deployment Lambdas (the stack's key). */
  readonly logKey?: IKey;
}

/** Sign-in scopes the console asks for: the ID token carries email and cognito:groups. */
const SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE];

/**
 * The privacy console in AWS: a private S3 bucket behind CloudFront with origin access
 * control, security headers, `/admin/*` forwarded to the API Gateway stage, a Cognito
 * app client (authorization code + PKCE, no secret) with a hosted UI domain, and a
 * deployment of the console built with esbuild at synth time plus its `config.json`.
 * Use `url` as the stack's `consoleUrl` (the links in privacy-team emails).
 */
export class PrivacyConsole extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly userPoolClient: UserPoolClient;
  readonly userPoolDomain: UserPoolDomain;
  /** `https://<domain>` without a trailing slash; the console is served at its root. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PrivacyConsoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const removeOnDelete = props.removeOnDelete !== false;

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy: removeOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      autoDeleteObjects: removeOnDelete,
    });
    // The CDK's deployment-time Lambdas (bucket auto-delete, BucketDeployment) would
    // otherwise log to log groups Lambda creates on first use, kept forever.
    const deploymentLogs = (name: string) => {
      const logGroup = new LogGroup(this, name, {
        retention: RetentionDays.ONE_MONTH,
        encryptionKey: props.logKey,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      acknowledgeControl(logGroup, 'cloudwatch_log_group_retention_period_check', 'Logs of the CDK\'s deployment-time Lambdas (console copy, bucket auto-delete): of use only around a deployment, so kept one month.');
      return logGroup;
    };
    const autoDelete = stack.node.tryFindChild('Custom::S3AutoDeleteObjectsCustomResourceProvider')?.node.tryFindChild('Handler');
    if (autoDelete instanceof CfnResource) {
      autoDelete.addPropertyOverride('LoggingConfig.LogGroup', deploymentLogs('AutoDeleteLogs').logGroupName);
      acknowledgeControl(autoDelete, 'lambda_inside_vpc_check', DEPLOYMENT_LAMBDA_OUTSIDE_VPC);
    }

    this.userPoolDomain = props.userPool.addDomain('ConsoleDomain', {
      cognitoDomain: { domainPrefix: props.cognitoDomainPrefix ?? `kiara-privacy-${stack.account}` },
    });
    const hostedUi = this.userPoolDomain.baseUrl();

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Kiara privacy console: CSP, HSTS, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            // The hosted UI's token endpoint is called from the page after sign-in.
            `connect-src 'self' ${hostedUi}`,
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "object-src 'none'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const apiOrigin = new HttpOrigin(`${props.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      originPath: `/${props.apiStageName ?? 'prod'}`,
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      readTimeout: Duration.seconds(30),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Kiara privacy console',
      defaultRootObject: 'index.html',
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Only with a custom certificate: the *.cloudfront.net certificate's policy is fixed (see CFR4 below).
      minimumProtocolVersion: props.certificate ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      domainNames: props.domainNames,
      certificate: props.certificate,
      enableLogging: Boolean(props.logBucket),
      logBucket: props.logBucket,
      logFilePrefix: props.logBucket ? 'privacy-console/' : undefined,
      webAclId: props.webAclId,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      additionalBehaviors: {
        // The admin API, never cached; with caching off the Authorization header is forwarded.
        '/admin/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          compress: true,
        },
      },
    });

    const domain = props.domainNames?.[0] ?? this.distribution.distributionDomainName;
    this.url = `https://${domain}`;

    this.userPoolClient = props.userPool.addClient('ConsoleClient', {
      userPoolClientName: 'kiara-privacy-console',
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: SCOPES,
        callbackUrls: [`${this.url}/`],
        logoutUrls: [`${this.url}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: props.sessionLength ?? Duration.hours(1),
      accessTokenValidity: props.sessionLength ?? Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    const deployment = new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(CONSOLE_DIR, {
          exclude: ['build.ts', 'tsconfig.json'],
          bundling: {
            // esbuild (a dev dependency) builds it on this machine; there is no Docker path.
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:20-slim'),
            command: ['sh', '-c', 'echo "The privacy console is built locally with esbuild: run npm ci first." >&2; exit 1'],
            local: {
              tryBundle(outputDir: string) {
                buildConsoleSync(outputDir);
                return true;
              },
            },
          },
        }),
        Source.jsonData('config.json', {
          apiUrl: '',
          auth: 'cognito',
          cognito: { domain: hostedUi, clientId: this.userPoolClient.userPoolClientId, scopes: SCOPES.map((scope) => scope.scopeName) },
        }),
      ],
      // Small files, no hashed names: browsers revalidate each time (ETag), edges after a second.
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
      logGroup: deploymentLogs('DeployLogs'),
    });
    this.acknowledgeFindings(props, deployment);
  }

  /** cdk-nag acknowledgements of the console's resources, each with its reason. */
  private acknowledgeFindings(props: PrivacyConsoleProps, deployment: BucketDeployment): void {
    const readThroughCloudFront =
      'Holds only the built static console (no personal data), written by the deployment; every read goes through CloudFront with origin access control, whose viewer logs are the access record (logBucket).';
    acknowledge(this.bucket, 'AwsSolutions-S1', readThroughCloudFront);
    acknowledgeBucketControls(this.bucket, {
      s3_bucket_logging_enabled_check: readThroughCloudFront,
      s3_bucket_default_encryption_kms_check: 'The static console build (HTML, JS, CSS) holds no personal data and is served to anyone by CloudFront; SSE-S3 encrypts it at rest without giving CloudFront a key.',
      s3_bucket_versioning_enabled_check: 'Each deployment copies the current build from the repository; earlier builds are in version control, so object versions would only keep stale files.',
      s3_lifecycle_policy_check: 'The deployment prunes files of earlier builds, so the bucket holds exactly the current build and nothing ages out.',
    });
    acknowledgeControl(
      this.distribution,
      'cloudfront_origin_failover_enabled_check',
      'The console\'s origins are its bucket and the admin API, each in one region; a second origin would need a second deployment, and the privacy team can use the admin API and CLI when the console is down.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: the privacy team works from wherever it is; the console is static and every admin call needs a Cognito session with MFA.',
    );
    if (!props.webAclId) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'AWS WAF on the distribution is opt-in (webAclId, a us-east-1 web ACL) because it is billed; the console is static files and the admin API behind it requires Cognito tokens.',
      );
    }
    if (!props.logBucket) {
      const optInLogs = 'CloudFront standard logs are opt-in (logBucket): they need an ACL-enabled bucket; API calls made through the console are logged in the API access log.';
      acknowledge(this.distribution, 'AwsSolutions-CFR3', optInLogs);
      acknowledgeControl(this.distribution, 'cloudfront_access_logs_enabled_check', optInLogs);
    }
    if (!props.certificate) {
      const defaultCertificate =
        'Without a custom domain (domainNames, certificate) the distribution serves the *.cloudfront.net certificate, whose TLS settings CloudFront fixes; with one, SNI and TLSv1.2_2021 apply.';
      acknowledge(this.distribution, 'AwsSolutions-CFR4', defaultCertificate);
      for (const rule of ['cloudfront_custom_ssl_certificate_check', 'cloudfront_sni_enabled_check', 'cloudfront_security_policy_check']) {
        acknowledgeControl(this.distribution, rule, defaultCertificate);
      }
    }

    // The deployment's Lambda is the CDK's singleton provider (one per stack).
    const handlerRole = deployment.handlerRole;
    acknowledge(
      handlerRole,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK BucketDeployment provider: AWS managed policy limited to writing its own CloudWatch logs.',
    );
    const assets = Stack.of(this).synthesizer.bootstrapQualifier ?? 'hnb659fds';
    acknowledgeWildcards(
      handlerRole,
      'CDK BucketDeployment provider: copies the console asset from the CDK assets bucket into the console bucket and prunes old files (object keys are the built file names); the s3:*Object*/List*/Abort* groups are the CDK grants\'s, on these two buckets only.',
      [
        wildcardResource(this, this.bucket.arnForObjects('*')),
        `Resource::arn:<AWS::Partition>:s3:::cdk-${assets}-assets-<AWS::AccountId>-<AWS::Region>/*`,
        wildcardAction('s3:GetObject*'),
        wildcardAction('s3:GetBucket*'),
        wildcardAction('s3:List*'),
        wildcardAction('s3:DeleteObject*'),
        wildcardAction('s3:Abort*'),
      ],
    );
    acknowledgeWildcards(
      handlerRole,
      'CDK BucketDeployment provider: cloudfront:CreateInvalidation/GetInvalidation for the console distribution after each deployment; the CDK grants them on "*".',
      ['Resource::*'],
    );
    const provider = Stack.of(this).node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (provider) {
      acknowledge(
        provider,
        'AwsSolutions-L1',
        'CDK BucketDeployment provider: its runtime is chosen by aws-cdk-lib (it bundles the AWS CLI layer), not by this project; it runs only during deployments.',
      );
      acknowledgeControl(provider, 'lambda_inside_vpc_check', DEPLOYMENT_LAMBDA_OUTSIDE_VPC);
    }
  }
}

const DEPLOYMENT_LAMBDA_OUTSIDE_VPC =
  'A CDK deployment-time Lambda that calls only S3 and CloudFront APIs, authorised by IAM, during deployments; no resource it reaches is in a VPC.';
