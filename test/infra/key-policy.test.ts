import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { DsrKey } from '../../lib/constructs/dsr-key.js';
import { createResolver } from '../../lib/local-runtime/intrinsics.js';
import { createNaming, LOCAL_ACCOUNT } from '../../lib/local-runtime/naming.js';
import type { CfnTemplate } from '../../lib/local-runtime/index.js';
import { evaluate } from '../iam/policy.js';
import { keyUses, REGION, statementsFor, type KeyUse } from './key-uses.js';
import { synthStack } from './synth.js';

/**
 * CloudFormation refuses a log group whose key CloudWatch Logs may not use, and CloudWatch
 * drops alarm notifications to a topic whose key it may not use. This derives from the
 * synthesized template every resource encrypted with a customer-managed key and checks,
 * with the IAM evaluator, that the key's policy allows the calls AWS makes for it.
 */
const STACK = 'KiaraDsr';

function keyPolicyOf(template: CfnTemplate, keyLogicalId: string) {
  const resolve = createResolver(template, createNaming(template, STACK, REGION));
  return resolve(template.Resources[keyLogicalId]!.Properties?.KeyPolicy, keyLogicalId) as { Statement: unknown };
}

function denied(template: CfnTemplate, uses: KeyUse[]): string[] {
  return uses.flatMap((use) => {
    const statements = statementsFor(keyPolicyOf(template, use.keyLogicalId), use.principal);
    return use.checks
      .filter((check) => !evaluate(statements, check).allowed)
      .map((check) => `${use.resource}: ${use.why}, but ${JSON.stringify(use.principal)} may not ${check.action} (${JSON.stringify(check.context)})`);
  });
}

describe.each([
  ['aws', {}],
  ['localstack', { target: 'localstack' }],
])('the key policy (%s target)', (_target, context) => {
  const template = synthStack(context).template.toJSON() as CfnTemplate;
  const { uses, unknownTypes } = keyUses(template, STACK);

  it('knows how AWS uses the key for every resource type the template encrypts with it', () => {
    expect(unknownTypes, 'encrypted resource types without a rule in test/infra/key-uses.ts').toEqual([]);
    // The derivation finds the stack's log groups and its alarm topic, not a fixed list.
    const types = new Set(uses.map((use) => template.Resources[use.resource]!.Type));
    expect([...types]).toEqual(expect.arrayContaining(['AWS::Logs::LogGroup', 'AWS::SNS::Topic', 'AWS::DynamoDB::Table', 'AWS::S3::Bucket']));
    expect(uses.some((use) => 'service' in use.principal && use.principal.service === 'cloudwatch.amazonaws.com')).toBe(true);
  });

  it('lets each service use the key for each resource encrypted with it', () => {
    expect(denied(template, uses)).toEqual([]);
  });

  it('lets CloudWatch Logs and CloudWatch use it for this stack only', () => {
    const [logs] = uses.filter((use) => template.Resources[use.resource]!.Type === 'AWS::Logs::LogGroup');
    const [alarm] = uses.filter((use) => 'service' in use.principal && use.principal.service === 'cloudwatch.amazonaws.com');
    const foreign: KeyUse[] = [
      { ...logs!, checks: logs!.checks.map((check) => ({ ...check, context: { 'kms:EncryptionContext:aws:logs:arn': [`arn:aws:logs:${REGION}:${LOCAL_ACCOUNT}:log-group:/other/app`] } })) },
      { ...alarm!, checks: alarm!.checks.map((check) => ({ ...check, context: { 'aws:SourceArn': [`arn:aws:cloudwatch:${REGION}:111122223333:alarm:${STACK}-x`], 'aws:SourceAccount': ['111122223333'] } })) },
      { ...alarm!, checks: alarm!.checks.map((check) => ({ ...check, context: { 'aws:SourceArn': [`arn:aws:cloudwatch:${REGION}:${LOCAL_ACCOUNT}:alarm:other`], 'aws:SourceAccount': [LOCAL_ACCOUNT] } })) },
    ];
    expect(denied(template, foreign)).toHaveLength(foreign.flatMap((use) => use.checks).length);
  });
});

describe('the key-use derivation', () => {
  it('finds an AWS service that writes to a bucket encrypted with the key (as SES receiving does), and a key policy that does not let it', () => {
    const stack = new Stack(new App(), STACK);
    const key = new DsrKey(stack, 'Key', { description: 'test', removalPolicy: RemovalPolicy.DESTROY });
    const bucket = new Bucket(stack, 'Mail', { encryption: BucketEncryption.KMS, encryptionKey: key });
    bucket.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    const template = Template.fromStack(stack).toJSON() as CfnTemplate;
    const { uses, unknownTypes } = keyUses(template, STACK);
    expect(unknownTypes).toEqual([]);
    const ses = uses.filter((use) => 'service' in use.principal && use.principal.service === 'ses.amazonaws.com');
    expect(ses).toHaveLength(1);
    expect(denied(template, ses)).toHaveLength(ses[0]!.checks.length);
  });

  it('reports a resource type encrypted with the key that it has no rule for', () => {
    const stack = new Stack(new App(), STACK);
    const key = new DsrKey(stack, 'Key', { description: 'test', removalPolicy: RemovalPolicy.DESTROY });
    new Queue(stack, 'Queue', { encryption: QueueEncryption.KMS, encryptionMasterKey: key });
    expect(keyUses(Template.fromStack(stack).toJSON() as CfnTemplate, STACK).unknownTypes).toEqual(['AWS::SQS::Queue']);
  });
});
