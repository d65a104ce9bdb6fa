import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app.js';
import { LOCALSTACK_COMMUNITY_RESOURCE_TYPES, LOCALSTACK_VERSION } from '../../lib/localstack.js';
import { LOCALSTACK_SERVICES } from '../../lib/localstack-deployment.js';
import { synthStack } from './synth.js';

const localstack = synthStack({ target: 'localstack' }).template.toJSON();
const aws = synthStack().template.toJSON();

const resourcesOf = (template: any, type: string): [string, any][] =>
  Object.entries<any>(template.Resources).filter(([, resource]) => resource.Type === type);

/** The admin methods: everything under /admin, found through their integration's Lambda. */
function adminMethods(template: any) {
  const [adminFn] = resourcesOf(template, 'AWS::Lambda::Function').find(([, fn]) =>
    /admin API/.test(fn.Properties.Description ?? ''),
  )!;
  const methods = resourcesOf(template, 'AWS::ApiGateway::Method').filter(([, method]) =>
    JSON.stringify(method.Properties.Integration ?? {}).includes(adminFn),
  );
  return { adminFn: template.Resources[adminFn], methods };
}

describe('the localstack target (-c target=localstack)', () => {
  it('creates only resource types the LocalStack community edition supports', () => {
    const types = new Set(Object.values<any>(localstack.Resources).map((resource) => resource.Type));
    const unsupported = [...types].filter((type) => !LOCALSTACK_COMMUNITY_RESOURCE_TYPES.has(type));
    expect(unsupported).toEqual([]);
    // The AWS target does use what LocalStack lacks, so the list above is not vacuous.
    const awsTypes = new Set(Object.values<any>(aws.Resources).map((resource) => resource.Type));
    expect([...awsTypes].filter((type) => !LOCALSTACK_COMMUNITY_RESOURCE_TYPES.has(type))).toEqual(
      expect.arrayContaining(['AWS::Cognito::UserPool', 'AWS::ApiGateway::Authorizer', 'AWS::CloudFront::Distribution', 'AWS::CloudWatch::Dashboard']),
    );
  });

  it('has the admin Lambda check a bearer token from its own secret, since no authorizer runs there', () => {
    const { adminFn, methods } = adminMethods(localstack);
    // GET and POST /admin/requests, GET /admin/requests/{id}, POST /admin/requests/{id}/{action},
    // GET /admin/restrictions, POST /admin/restrictions/{id}/lift,
    // GET /admin/requests/{id}/mail/{mailId}/attachments/{part}, POST /admin/unfiled-mail/{mailId}/clear
    expect(methods).toHaveLength(8);
    for (const [, method] of methods) expect(method.Properties.AuthorizationType).toBe('NONE');
    const tokenArn = adminFn.Properties.Environment.Variables.ADMIN_TOKEN_SECRET_ARN;
    expect(tokenArn).toEqual({ Ref: expect.stringMatching(/^ApiAdminToken/) });
    const adminRole = adminFn.Properties.Role['Fn::GetAtt'][0];
    const statements = resourcesOf(localstack, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(adminRole))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    const readsToken = statements.some(
      (statement: any) =>
        [statement.Action].flat().includes('secretsmanager:GetSecretValue') &&
        JSON.stringify(statement.Resource) === JSON.stringify(tokenArn),
    );
    expect(readsToken).toBe(true);
  });

  it('is refused by CloudFormation in any account but LocalStack\'s', () => {
    expect(localstack.Rules.LocalStackOnly.Assertions).toEqual([
      expect.objectContaining({ Assert: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '000000000000'] } }),
    ]);
  });

  it('puts LocalStack\'s API host in the links of emails', () => {
    const [, acknowledge] = resourcesOf(localstack, 'AWS::Lambda::Function').find(([id]) => id.startsWith('StepsAcknowledge'))!;
    const url = JSON.stringify(acknowledge.Properties.Environment.Variables.PUBLIC_API_URL);
    expect(url).toContain('.execute-api.localhost.localstack.cloud:4566/prod');
  });

  it('runs the services and the image version docker-compose.yml starts', () => {
    const compose = readFileSync('docker-compose.yml', 'utf8');
    expect(compose).toContain(`image: localstack/localstack:${LOCALSTACK_VERSION}`);
    const services = /SERVICES=([a-z0-9,-]+)/.exec(compose)![1]!.split(',').sort();
    expect(services).toEqual([...LOCALSTACK_SERVICES].sort());
  });

  it('refuses settings LocalStack cannot honour, and unknown targets', () => {
    expect(() => buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), { target: 'localstack', wafRateLimit: 100 })).toThrow(
      /wafRateLimit needs AWS WAF/,
    );
    expect(() => synthStack({ target: 'moon' })).toThrow(/Unknown target "moon"/);
  });
});

describe('the aws target (default)', () => {
  it('authorizes every admin route with Cognito and has no admin token anywhere', () => {
    const { adminFn, methods } = adminMethods(aws);
    // GET and POST /admin/requests, GET /admin/requests/{id}, POST /admin/requests/{id}/{action},
    // GET /admin/restrictions, POST /admin/restrictions/{id}/lift,
    // GET /admin/requests/{id}/mail/{mailId}/attachments/{part}, POST /admin/unfiled-mail/{mailId}/clear
    expect(methods).toHaveLength(8);
    for (const [, method] of methods) expect(method.Properties.AuthorizationType).toBe('COGNITO_USER_POOLS');
    expect(adminFn.Properties.Environment.Variables.ADMIN_TOKEN_SECRET_ARN).toBeUndefined();
    expect(JSON.stringify(aws)).not.toMatch(/ADMIN_TOKEN|AdminToken/);
    expect(aws.Rules.LocalStackOnly).toBeUndefined();
  });
});
