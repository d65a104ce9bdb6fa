import { App, Lazy, Stack } from 'aws-cdk-lib';
import { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackPropsFromContext } from '../../../lib/app.js';
import type { DsrApi } from '../../../lib/constructs/dsr-api.js';
import { PrivacyConsole } from '../../../lib/constructs/privacy-console.js';
import { DsrStack } from '../../../lib/dsr-stack.js';

/**
 * The DSR stack with the console as its consoleUrl: as the stack wires it once it does,
 * and until then wired here the same way (the construct's url as the stack's consoleUrl).
 */
function wiredStack() {
  const newApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const plainApp = newApp();
  const plain = new DsrStack(plainApp, 'KiaraDsr', stackPropsFromContext(plainApp));
  if (plain.node.findAll().some((node) => node instanceof PrivacyConsole)) return { stack: plain, template: Template.fromStack(plain) };
  const app = newApp();
  let consoleUrl = '';
  const stack = new DsrStack(app, 'KiaraDsr', {
    ...stackPropsFromContext(app),
    consoleUrl: Lazy.string({ produce: () => consoleUrl }),
  });
  const api = stack.node.findChild('Api') as DsrApi;
  const privacyConsole = new PrivacyConsole(stack, 'Console', { api: api.api, userPool: api.userPool! });
  consoleUrl = privacyConsole.url;
  return { stack, template: Template.fromStack(stack) };
}

/** Resources each resource refers to (Ref, Fn::GetAtt, DependsOn). */
function references(template: Record<string, any>): Map<string, Set<string>> {
  const ids = new Set(Object.keys(template.Resources));
  const graph = new Map<string, Set<string>>();
  const walk = (value: unknown, into: Set<string>) => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, into));
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string' && ids.has(inner)) into.add(inner);
      else if (key === 'Fn::GetAtt' && Array.isArray(inner) && ids.has(inner[0])) into.add(inner[0]);
      else walk(inner, into);
    }
  };
  for (const [id, resource] of Object.entries<any>(template.Resources)) {
    const refs = new Set<string>([resource.DependsOn ?? []].flat());
    walk(resource.Properties ?? {}, refs);
    graph.set(id, refs);
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of graph.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of graph.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('PrivacyConsole construct', () => {
  const { template } = wiredStack();

  it('keeps the bucket private and serves it only through CloudFront with origin access control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('redirects to HTTPS, sends security headers and forwards /admin/* to the API stage uncached', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/admin/*',
            ViewerProtocolPolicy: 'https-only',
            AllowedMethods: Match.arrayWith(['GET', 'POST']),
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
          }),
        ],
        Origins: Match.arrayWith([Match.objectLike({ OriginPath: '/prod', CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }) })]),
      }),
    });
    const policies = Object.values<any>(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(policies).toHaveLength(1);
    const security = policies[0].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(JSON.stringify(security.ContentSecurityPolicy)).toContain("frame-ancestors 'none'");
    expect(JSON.stringify(security.ContentSecurityPolicy)).toContain("script-src 'self'");
    expect(security.FrameOptions.FrameOption).toBe('DENY');
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
  });

  it('signs in with a public Cognito app client (code flow, PKCE, no secret) on a hosted UI domain', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid', 'email']),
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
    });
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    // The user pool stays as DsrApi made it: admin-created users only, MFA required.
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
  });

  it('deploys the console with a config.json that names Cognito, and invalidates the distribution', () => {
    const deployments = Object.values<any>(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(1);
    const deployment = deployments[0].Properties;
    expect(deployment.SourceObjectKeys).toHaveLength(2);
    expect(deployment.DistributionPaths).toEqual(['/*']);
    expect(JSON.stringify(deployment.SourceMarkers ?? deployment)).toMatch(/amazoncognito|userPoolClient|ConsoleClient/i);
  });

  it('can be the stack’s console URL without a dependency cycle', () => {
    const json = template.toJSON();
    const uses = Object.values<any>(json.Resources).filter(
      (resource) => resource.Type === 'AWS::Lambda::Function' && JSON.stringify(resource.Properties?.Environment?.Variables?.CONSOLE_URL ?? '').includes('Distribution'),
    );
    expect(uses.length).toBeGreaterThan(0);
    expect(findCycle(references(json))).toBeUndefined();
  });

  it('builds the console with esbuild when the stack is synthesized', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'console-synth-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'ConsoleOnly', { env: { account: '111111111111', region: 'eu-west-1' } });
      const api = new RestApi(stack, 'Api');
      api.root.addMethod('GET');
      new PrivacyConsole(stack, 'Console', { api, userPool: new UserPool(stack, 'Pool'), cognitoDomainPrefix: 'kiara-privacy-test' });
      app.synth();
      const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.') && statSync(path.join(outdir, name)).isDirectory());
      const built = assets.map((name) => path.join(outdir, name)).find((dir) => existsSync(path.join(dir, 'app.js')));
      expect(built, assets.join(', ')).toBeDefined();
      expect(readdirSync(built!).sort()).toEqual(['app.js', 'console.css', 'index.html']);
      const js = readFileSync(path.join(built!, 'app.js'), 'utf8');
      expect(js.length).toBeLessThan(60_000);
      expect(js).not.toMatch(/from ["']\.\//); // one bundle, no imports left
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
