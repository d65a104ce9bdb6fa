import { describe, expect, it } from 'vitest';
import { createResolver } from '../../lib/local-runtime/intrinsics.js';
import { createNaming } from '../../lib/local-runtime/naming.js';
import type { CfnTemplate } from '../../lib/local-runtime/index.js';
import { evaluate, functionRolePolicy, wildcardMatch, type AccessCheck, type Statement } from './policy.js';

const TABLE = 'arn:aws:dynamodb:eu-west-1:000000000000:table/dsr-Requests';
const BUCKET = 'arn:aws:s3:::dsr-exports';

const allowed = (statements: Statement[], check: AccessCheck) => evaluate(statements, check).allowed;

describe('the IAM evaluator', () => {
  it('matches actions case-insensitively with * and ?, resources case-sensitively', () => {
    const statements: Statement[] = [
      { Effect: 'Allow', Action: 's3:GetObject*', Resource: `${BUCKET}/packages/*` },
      { Effect: 'Allow', Action: 'dynamodb:?etItem', Resource: TABLE },
    ];
    expect(allowed(statements, { action: 'S3:GETOBJECT', resources: [`${BUCKET}/packages/a/b.zip`] })).toBe(true);
    expect(allowed(statements, { action: 's3:GetObjectTagging', resources: [`${BUCKET}/packages/x`] })).toBe(true);
    expect(allowed(statements, { action: 'dynamodb:GetItem', resources: [TABLE] })).toBe(true);
    // Must fail: another prefix, a resource in another case, an action the pattern does not cover.
    expect(allowed(statements, { action: 's3:GetObject', resources: [`${BUCKET}/work/x`] })).toBe(false);
    expect(allowed(statements, { action: 's3:GetObject', resources: [`${BUCKET}/Packages/x`] })).toBe(false);
    expect(allowed(statements, { action: 's3:PutObject', resources: [`${BUCKET}/packages/x`] })).toBe(false);
    expect(allowed(statements, { action: 'dynamodb:PutItem', resources: [TABLE] })).toBe(false);
    // A table grant does not cover its indexes.
    expect(allowed(statements, { action: 'dynamodb:GetItem', resources: [`${TABLE}/index/byDueDate`] })).toBe(false);
    expect(wildcardMatch('a*c', 'a/b:c')).toBe(true);
  });

  it('lets an explicit Deny win and honours NotAction and NotResource', () => {
    const statements: Statement[] = [
      { Effect: 'Allow', NotAction: 'dynamodb:DeleteItem', Resource: TABLE },
      { Effect: 'Allow', Action: 's3:*', NotResource: `${BUCKET}/secret/*` },
      { Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${BUCKET}/keep/*` },
    ];
    expect(allowed(statements, { action: 'dynamodb:PutItem', resources: [TABLE] })).toBe(true);
    expect(allowed(statements, { action: 'dynamodb:DeleteItem', resources: [TABLE] })).toBe(false);
    expect(allowed(statements, { action: 's3:GetObject', resources: [`${BUCKET}/secret/x`] })).toBe(false);
    const denied = evaluate(statements, { action: 's3:DeleteObject', resources: [`${BUCKET}/keep/x`] });
    expect(denied).toMatchObject({ allowed: false, deniedBy: statements[2] });
    expect(allowed(statements, { action: 's3:DeleteObject', resources: [`${BUCKET}/other/x`] })).toBe(true);
  });

  it('allows a call with alternatives when any one is allowed (SES: the address or its domain)', () => {
    const identity = (name: string) => `arn:aws:ses:eu-west-1:000000000000:identity/${name}`;
    const statements: Statement[] = [{ Effect: 'Allow', Action: 'ses:SendEmail', Resource: identity('kiara-api.com') }];
    expect(allowed(statements, { action: 'ses:SendEmail', resources: [identity('privacy@kiara-api.com'), identity('kiara-api.com')] })).toBe(true);
    expect(allowed(statements, { action: 'ses:SendEmail', resources: [identity('privacy@other.com'), identity('other.com')] })).toBe(false);
  });

  it('evaluates dynamodb:LeadingKeys with ForAllValues:StringLike', () => {
    const statements: Statement[] = [
      { Effect: 'Allow', Action: 'dynamodb:DeleteItem', Resource: TABLE, Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['IDEMP#*'] } } },
    ];
    const deleteItem = (keys: string[]) => ({ action: 'dynamodb:DeleteItem', resources: [TABLE], context: { 'dynamodb:LeadingKeys': keys } });
    expect(allowed(statements, deleteItem(['IDEMP#abc']))).toBe(true);
    // Must fail: a request's partition, or a batch with one key outside the pattern.
    expect(allowed(statements, deleteItem(['REQ#dsr_1']))).toBe(false);
    expect(allowed(statements, deleteItem(['IDEMP#abc', 'REQ#dsr_1']))).toBe(false);
  });

  it('evaluates s3:prefix and the other operators by IAM’s rules for absent keys', () => {
    const list: Statement = { Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, Condition: { StringLike: { 's3:prefix': ['work/*'] } } };
    const listing = (prefix?: string): AccessCheck => ({ action: 's3:ListBucket', resources: [BUCKET], context: prefix === undefined ? {} : { 's3:prefix': [prefix] } });
    expect(allowed([list], listing('work/dsr_1/'))).toBe(true);
    expect(allowed([list], listing('packages/'))).toBe(false);
    // A listing without a prefix has no s3:prefix: a plain operator does not match it...
    expect(allowed([list], listing())).toBe(false);
    // ...an IfExists one does, and so does a negated one.
    expect(allowed([{ ...list, Condition: { StringLikeIfExists: { 's3:prefix': ['work/*'] } } }], listing())).toBe(true);
    expect(allowed([{ ...list, Condition: { StringNotLike: { 's3:prefix': ['secret/*'] } } }], listing())).toBe(true);
    expect(allowed([{ ...list, Condition: { StringNotLike: { 's3:prefix': ['secret/*'] } } }], listing('secret/a'))).toBe(false);
    expect(allowed([{ ...list, Condition: { 'ForAnyValue:StringEquals': { 's3:prefix': ['a'] } } }], listing())).toBe(false);
    expect(allowed([{ ...list, Condition: { Null: { 's3:prefix': 'true' } } }], listing())).toBe(true);
    // Condition key names are case-insensitive.
    expect(allowed([{ ...list, Condition: { StringEquals: { 'S3:Prefix': ['a'] } } }], listing('a'))).toBe(true);
    expect(() => evaluate([{ ...list, Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01' } } }], listing('a'))).toThrow(/DateGreaterThan/);
  });

  it('collects and resolves the statements attached to a function’s role', () => {
    const template = {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] } } },
        FnRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            ManagedPolicyArns: [
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] },
              'arn:aws:iam::aws:policy/AmazonS3FullAccess',
            ],
            Policies: [{ PolicyName: 'inline', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: 'Machine' } }] } }],
          },
        },
        OtherRole: { Type: 'AWS::IAM::Role', Properties: {} },
        Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
        Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
        FnPolicy: {
          Type: 'AWS::IAM::Policy',
          Properties: { Roles: [{ Ref: 'FnRole' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: { 'Fn::GetAtt': ['Table', 'Arn'] } }] } },
        },
        OtherPolicy: {
          Type: 'AWS::IAM::Policy',
          Properties: { Roles: [{ Ref: 'OtherRole' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' }] } },
        },
      },
    } as unknown as CfnTemplate;
    const resolveAt = createResolver(template, createNaming(template, 'dsr', 'eu-west-1'));
    const policy = functionRolePolicy(template, (value) => resolveAt(value, 'test'), 'Fn');
    expect(policy.unknownManagedPolicies).toEqual(['AmazonS3FullAccess']);
    expect(allowed(policy.statements, { action: 'dynamodb:GetItem', resources: ['arn:aws:dynamodb:eu-west-1:000000000000:table/dsr-Table'] })).toBe(true);
    expect(allowed(policy.statements, { action: 'states:StartExecution', resources: ['arn:aws:states:eu-west-1:000000000000:stateMachine:dsr-Machine'] })).toBe(true);
    expect(allowed(policy.statements, { action: 'logs:PutLogEvents', resources: ['arn:aws:logs:eu-west-1:000000000000:log-group:x'] })).toBe(true);
    // Must fail: another role's grant is not this function's.
    expect(allowed(policy.statements, { action: 'dynamodb:PutItem', resources: ['arn:aws:dynamodb:eu-west-1:000000000000:table/dsr-Table'] })).toBe(false);
  });
});
