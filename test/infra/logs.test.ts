import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stackPropsFromContext } from '../../lib/app.js';
import { DsrStack } from '../../lib/dsr-stack.js';
import { synthStack } from './synth.js';

/**
 * Encryption and retention, read from the synthesized template: one customer-managed key
 * with rotation encrypts the records, the packages and every log group; every log group
 * has a retention, and every log (Lambda, state machine, API access log) goes to one of
 * them, so no log group is created on first use and kept forever.
 */
const { template } = synthStack();
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any; Metadata?: any }>;
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

function only<T>(items: T[]): T {
  if (items.length !== 1) throw new Error(`expected one, got ${items.length}`);
  return items[0]!;
}

const [keyId, key] = only(ofType('AWS::KMS::Key'));
const cmk = { 'Fn::GetAtt': [keyId, 'Arn'] };
const logGroups = new Map(ofType('AWS::Logs::LogGroup'));
const functions = ofType('AWS::Lambda::Function');
const machines = ofType('AWS::StepFunctions::StateMachine');
const stages = ofType('AWS::ApiGateway::Stage');

/** The log group a `Ref` or `Fn::GetAtt [id, 'Arn']` names, if it is one of the template's. */
function logGroupOf(value: any): string | undefined {
  const id: unknown = value?.Ref ?? (value?.['Fn::GetAtt']?.[1] === 'Arn' ? value['Fn::GetAtt'][0] : undefined);
  return typeof id === 'string' && logGroups.has(id) ? id : undefined;
}

/** Days each kind of log is kept (README, "Deploying to AWS"). */
function expectedRetention(logGroupId: string): number {
  const writers = functions.filter(([, fn]) => logGroupOf(fn.Properties.LoggingConfig?.LogGroup) === logGroupId);
  if (writers.length > 0 && writers.every(([, fn]) => fn.Metadata?.DsrEntry)) return 90; // handler logs
  if (writers.length > 0) return 30; // the CDK's deployment-time Lambdas
  return 365; // state machine execution logs, API access log
}

describe('encryption and log retention', () => {
  it('has one customer-managed key, with rotation', () => {
    expect(key.Properties.EnableKeyRotation).toBe(true);
  });

  it('gives every log group a retention and the stack key', () => {
    expect(logGroups.size).toBeGreaterThan(functions.length);
    for (const [id, group] of logGroups) {
      expect(group.Properties.RetentionInDays, id).toBe(expectedRetention(id));
      expect(group.Properties.KmsKeyId, id).toEqual(cmk);
    }
    expect(ofType('Custom::LogRetention')).toEqual([]);
  });

  it('sends every Lambda’s logs to one of those log groups, the CDK’s own Lambdas included', () => {
    expect(functions.length).toBeGreaterThan(10);
    for (const [id, fn] of functions) expect(logGroupOf(fn.Properties.LoggingConfig?.LogGroup), id).toBeDefined();
    const used = functions.map(([, fn]) => logGroupOf(fn.Properties.LoggingConfig.LogGroup));
    expect(new Set(used).size, 'one log group per Lambda').toBe(functions.length);
  });

  it('logs every state machine and the API stage to those log groups', () => {
    // The workflow, the deadline watch, the two Express store-work state machines, the notice sender and the restriction lift.
    expect(machines).toHaveLength(6);
    for (const [id, machine] of machines) {
      const logging = machine.Properties.LoggingConfiguration;
      expect(logging.Level, id).toBe('ALL');
      expect(logging.IncludeExecutionData, id).toBe(false);
      expect(logging.Destinations, id).toHaveLength(1);
      expect(logGroupOf(logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn), id).toBeDefined();
    }
    expect(stages.length).toBeGreaterThan(0);
    for (const [id, stage] of stages) expect(logGroupOf(stage.Properties.AccessLogSetting?.DestinationArn), id).toBeDefined();
  });

  it('keeps the requests table (audit trail included) under the key with point-in-time recovery', () => {
    const [, table] = only(ofType('AWS::DynamoDB::Table').filter(([id]) => id.startsWith('RequestStoreRequests')));
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: cmk });
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
  });

  it('encrypts the export bucket with the key and the alarm topic and webhook secret too', () => {
    const [, bucket] = only(ofType('AWS::S3::Bucket').filter(([id]) => id.startsWith('RequestStoreExports')));
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: cmk } },
    ]);
    for (const [id, topic] of ofType('AWS::SNS::Topic')) expect(topic.Properties.KmsMasterKeyId, id).toEqual(cmk);
    for (const [id, secret] of ofType('AWS::SecretsManager::Secret')) expect(secret.Properties.KmsKeyId, id).toEqual(cmk);
  });
});

describe('package expiry', () => {
  /** The export bucket's lifecycle rules and the expiry the handlers state in the reply. */
  function expiry(template: Template) {
    const json = template.toJSON().Resources as Record<string, any>;
    const [, bucket] = only(Object.entries(json).filter(([id, r]) => r.Type === 'AWS::S3::Bucket' && id.startsWith('RequestStoreExports')));
    const stated = Object.values(json)
      .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.PACKAGE_EXPIRY_DAYS)
      .map((fn) => fn.Properties.Environment.Variables.PACKAGE_EXPIRY_DAYS as string);
    return { rules: bucket.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[], stated: [...new Set(stated)] };
  }

  it('expires packages/ after 30 days by default, as the reply states', () => {
    const { rules, stated } = expiry(template);
    expect(rules).toContainEqual({ Prefix: 'packages/', ExpirationInDays: 30, Status: 'Enabled' });
    expect(stated).toEqual(['30']);
  });

  it('follows the packageExpiryDays setting', () => {
    // packageExpiryDays is a stack prop, not read from context: the stack is built with it.
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new DsrStack(app, 'KiaraDsr', { ...stackPropsFromContext(app), packageExpiryDays: 10 });
    const { rules, stated } = expiry(Template.fromStack(stack));
    expect(rules).toContainEqual({ Prefix: 'packages/', ExpirationInDays: 10, Status: 'Enabled' });
    expect(rules.filter((rule) => rule.Prefix === 'packages/')).toHaveLength(1);
    expect(stated).toEqual(['10']);
  });
});
