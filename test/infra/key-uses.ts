import { createResolver } from '../../lib/local-runtime/intrinsics.js';
import { createNaming, LOCAL_ACCOUNT } from '../../lib/local-runtime/naming.js';
import type { CfnResource, CfnTemplate } from '../../lib/local-runtime/template.js';
import type { AccessCheck, Statement } from '../iam/policy.js';

/**
 * Who uses a customer-managed key of the template, derived from the template itself: every
 * resource that names a key of the template (a `Ref` or `Fn::GetAtt` of it), and, per
 * resource type, the principals AWS makes the KMS calls as and the request context it
 * sends (from each service's KMS documentation). A resource type without a rule here is
 * reported, so a new kind of encrypted resource cannot pass unexamined.
 */

export const REGION = 'eu-west-1';
export const ACCOUNT_ROOT = `arn:aws:iam::${LOCAL_ACCOUNT}:root`;

/** The principal a KMS request is made as: an AWS service, or the account's IAM identities. */
export type KeyPrincipal = { service: string } | { account: string };

export interface KeyUse {
  /** The encrypted resource and what uses its key, for messages. */
  resource: string;
  why: string;
  keyLogicalId: string;
  principal: KeyPrincipal;
  checks: AccessCheck[];
}

type Resources = Record<string, CfnResource>;

/**
 * Names resolve as CloudFormation generates them for a stack named `stackName`: a resource
 * without a name gets `<stack name>-<logical id>-<random suffix>`. The local naming gives
 * `<prefix>-<logical id>`, which every pattern over the stack-name prefix matches too.
 */
export function keyUses(template: CfnTemplate, stackName: string): { uses: KeyUse[]; unknownTypes: string[] } {
  const resources = template.Resources as Resources;
  const naming = createNaming(template, stackName, REGION);
  const resolveAt = createResolver(template, naming);
  const resolve = (value: unknown) => resolveAt(value, 'key-uses');
  const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${LOCAL_ACCOUNT}:${resource}`;
  const keys = Object.keys(resources).filter((id) => resources[id]!.Type === 'AWS::KMS::Key');

  const uses: KeyUse[] = [];
  const unknownTypes = new Set<string>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (IGNORED_TYPES.has(resource.Type)) continue;
    for (const keyLogicalId of keys.filter((key) => references(resource.Properties, key))) {
      const rule = RULES[resource.Type];
      if (!rule) {
        unknownTypes.add(resource.Type);
        continue;
      }
      const context: RuleContext = { logicalId, resource, resources, resolve, arn };
      for (const use of rule(context)) uses.push({ ...use, resource: logicalId, keyLogicalId });
    }
  }
  return { uses, unknownTypes: [...unknownTypes] };
}

/** Resources that name a key without being encrypted with it (grants, policies, the key itself). */
const IGNORED_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role']);

interface RuleContext {
  logicalId: string;
  resource: CfnResource;
  resources: Resources;
  resolve: (value: unknown) => unknown;
  arn: (service: string, resource: string) => string;
}

type Use = Omit<KeyUse, 'resource' | 'keyLogicalId'>;

const ENCRYPT = ['kms:GenerateDataKey', 'kms:Decrypt'];

const checksOf = (actions: string[], context: Record<string, string[]>): AccessCheck[] =>
  actions.map((action) => ({ action, resources: ['*'], context }));

/** IAM identities of the account call the service, which calls KMS on their behalf. */
const viaService = (service: string, why: string): Use => ({
  why,
  principal: { account: ACCOUNT_ROOT },
  checks: checksOf(ENCRYPT, { 'kms:ViaService': [`${service}.${REGION}.amazonaws.com`], 'kms:CallerAccount': [LOCAL_ACCOUNT] }),
});

/**
 * AWS services a resource policy lets do `action` on the resource: each makes the KMS call
 * itself, with the `aws:Source*` values that statement is conditioned on.
 */
function servicePrincipalsOf(context: RuleContext, policyType: string, targetProperty: string, action: string): { service: string; source: Record<string, string[]> }[] {
  const found: { service: string; source: Record<string, string[]> }[] = [];
  for (const policy of Object.values(context.resources)) {
    if (policy.Type !== policyType || !references(policy.Properties?.[targetProperty], context.logicalId)) continue;
    const document = context.resolve(policy.Properties?.PolicyDocument) as { Statement: Statement[] };
    for (const statement of [document.Statement].flat() as (Statement & { Principal?: { Service?: string | string[] } })[]) {
      if (statement.Effect !== 'Allow' || ![statement.Action].flat().some((a) => a === action || a === '*')) continue;
      const source: Record<string, string[]> = {};
      for (const block of Object.values(statement.Condition ?? {})) {
        for (const [key, value] of Object.entries(block)) if (/^aws:Source/i.test(key)) source[key] = [value].flat().map(String);
      }
      for (const service of [statement.Principal?.Service ?? []].flat()) found.push({ service, source });
    }
  }
  return found;
}

const RULES: Record<string, (context: RuleContext) => Use[]> = {
  // CloudWatch Logs encrypts as its regional service principal, naming the log group's ARN
  // in the encryption context (CloudWatch Logs guide, "Encrypt log data using AWS KMS").
  'AWS::Logs::LogGroup': ({ logicalId, resource, resolve, arn }) => {
    const name = resolve(resource.Properties?.LogGroupName ?? { Ref: logicalId });
    return [
      {
        why: 'CloudWatch Logs writes and reads the log group',
        principal: { service: `logs.${REGION}.amazonaws.com` },
        checks: checksOf(['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'], { 'kms:EncryptionContext:aws:logs:arn': [arn('logs', `log-group:${name}`)] }),
      },
    ];
  },
  // SNS asks the publisher's principal for data keys (SNS guide, "Key management",
  // compatibility with event sources from AWS services): CloudWatch alarms whose actions name
  // the topic, AWS services its topic policy lets publish, and IAM callers through SNS.
  'AWS::SNS::Topic': (context) => {
    const { logicalId, resources, resolve, arn } = context;
    const topic = resolve({ Ref: logicalId });
    const alarms = Object.entries(resources).filter(
      ([, alarm]) =>
        alarm.Type === 'AWS::CloudWatch::Alarm' &&
        ['AlarmActions', 'OKActions', 'InsufficientDataActions'].some((actions) => [resolve(alarm.Properties?.[actions] ?? [])].flat().includes(topic)),
    );
    return [
      viaService('sns', 'IAM callers publish to the topic'),
      ...alarms.map(([alarmId, alarm]) => ({
        why: `CloudWatch alarm ${alarmId} publishes to the topic`,
        principal: { service: 'cloudwatch.amazonaws.com' },
        checks: checksOf(ENCRYPT, {
          'aws:SourceArn': [arn('cloudwatch', `alarm:${resolve(alarm.Properties?.AlarmName ?? { Ref: alarmId })}`)],
          'aws:SourceAccount': [LOCAL_ACCOUNT],
        }),
      })),
      ...servicePrincipalsOf(context, 'AWS::SNS::TopicPolicy', 'Topics', 'sns:Publish').map(({ service, source }) => ({
        why: `${service} publishes to the topic (topic policy)`,
        principal: { service },
        checks: checksOf(ENCRYPT, source),
      })),
    ];
  },
  // SSE-KMS: S3 asks for data keys as the writer; AWS services the bucket policy lets write
  // (SES receiving, log delivery) need the key themselves (S3 guide, "Using SSE-KMS").
  'AWS::S3::Bucket': (context) => [
    viaService('s3', 'IAM callers read and write objects'),
    ...servicePrincipalsOf(context, 'AWS::S3::BucketPolicy', 'Bucket', 's3:PutObject').map(({ service, source }) => ({
      why: `${service} writes objects (bucket policy)`,
      principal: { service },
      checks: checksOf(ENCRYPT, { 'kms:ViaService': [`s3.${REGION}.amazonaws.com`], ...source }),
    })),
  ],
  'AWS::DynamoDB::Table': () => [viaService('dynamodb', 'IAM callers read and write items')],
  'AWS::SecretsManager::Secret': () => [viaService('secretsmanager', 'IAM callers read the secret')],
};

/** Whether a CloudFormation value names the resource (`Ref`, `Fn::GetAtt`, `Fn::Sub` variable). */
export function references(value: unknown, logicalId: string): boolean {
  if (Array.isArray(value)) return value.some((item) => references(item, logicalId));
  if (value === null || typeof value !== 'object') return false;
  const node = value as Record<string, unknown>;
  if (node.Ref === logicalId) return true;
  const getAtt = node['Fn::GetAtt'];
  if (Array.isArray(getAtt) ? getAtt[0] === logicalId : typeof getAtt === 'string' && getAtt.startsWith(`${logicalId}.`)) return true;
  const sub = node['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  if (typeof text === 'string' && new RegExp(`\\$\\{${logicalId}[.}]`).test(text)) return true;
  return Object.values(node).some((item) => references(item, logicalId));
}

/** The key policy statements that apply to a principal. */
export function statementsFor(keyPolicy: { Statement: unknown }, principal: KeyPrincipal): Statement[] {
  type KeyStatement = Statement & { Principal?: '*' | { AWS?: string | string[]; Service?: string | string[] } };
  return ([keyPolicy.Statement].flat() as KeyStatement[]).filter((statement) => {
    if (statement.Principal === '*' || [statement.Principal?.AWS ?? []].flat().includes('*')) return true;
    if ('service' in principal) return [statement.Principal?.Service ?? []].flat().includes(principal.service);
    return [statement.Principal?.AWS ?? []].flat().some((aws) => aws === principal.account || aws === LOCAL_ACCOUNT);
  });
}
