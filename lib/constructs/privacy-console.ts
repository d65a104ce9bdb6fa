import { Duration, RemovalPolicy, Stack, DockerImage } from 'aws-cdk-lib';
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
import { OAuthScope, UserPoolClientIdentityProvider, type IUserPool, type UserPoolClient, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildConsoleSync, CONSOLE_DIR } from '../../console/build.js';

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
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
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

    new BucketDeployment(this, 'Deploy', {
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
    });
  }
}
