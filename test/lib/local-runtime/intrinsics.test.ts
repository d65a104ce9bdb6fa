import { describe, expect, it } from 'vitest';
import { createResolver } from '../../../lib/local-runtime/intrinsics.js';
import { bucketName, createNaming } from '../../../lib/local-runtime/naming.js';
import type { CfnTemplate } from '../../../lib/local-runtime/template.js';

const template: CfnTemplate = {
  Parameters: { Stage: { Type: 'String', Default: 'dev' } },
  Resources: {
    Table1: { Type: 'AWS::DynamoDB::Table' },
    Exports_Bucket: { Type: 'AWS::S3::Bucket' },
    Fn1: { Type: 'AWS::Lambda::Function' },
    Flow1: { Type: 'AWS::StepFunctions::StateMachine' },
    Topic1: { Type: 'AWS::SNS::Topic' },
    Key1: { Type: 'AWS::KMS::Key' },
  },
};
const naming = createNaming(template, 'dsr', 'eu-central-1');
const resolver = createResolver(template, naming);
const resolve = (value: unknown) => resolver(value, 'Test');

describe('intrinsics', () => {
  it('resolves Ref to local names, ARNs where AWS gives ARNs, pseudo parameters and parameter defaults', () => {
    expect(
      resolve({
        table: { Ref: 'Table1' },
        bucket: { Ref: 'Exports_Bucket' },
        fn: { Ref: 'Fn1' },
        flow: { Ref: 'Flow1' },
        topic: { Ref: 'Topic1' },
        key: { Ref: 'Key1' },
        region: { Ref: 'AWS::Region' },
        account: { Ref: 'AWS::AccountId' },
        partition: { Ref: 'AWS::Partition' },
        suffix: { Ref: 'AWS::URLSuffix' },
        stage: { Ref: 'Stage' },
      }),
    ).toEqual({
      table: 'dsr-Table1',
      bucket: 'dsr-exports-bucket',
      fn: 'dsr-Fn1',
      flow: 'arn:aws:states:eu-central-1:000000000000:stateMachine:dsr-Flow1',
      topic: 'arn:aws:sns:eu-central-1:000000000000:dsr-Topic1',
      key: 'dsr-Key1',
      region: 'eu-central-1',
      account: '000000000000',
      partition: 'aws',
      suffix: 'amazonaws.com',
      stage: 'dev',
    });
  });

  it('resolves Fn::GetAtt in both forms to real-format ARNs and names', () => {
    expect(
      resolve([
        { 'Fn::GetAtt': ['Table1', 'Arn'] },
        { 'Fn::GetAtt': ['Exports_Bucket', 'Arn'] },
        { 'Fn::GetAtt': 'Fn1.Arn' },
        { 'Fn::GetAtt': ['Flow1', 'Arn'] },
        { 'Fn::GetAtt': ['Flow1', 'Name'] },
        { 'Fn::GetAtt': ['Exports_Bucket', 'RegionalDomainName'] },
        { 'Fn::GetAtt': ['Key1', 'KeyId'] },
      ]),
    ).toEqual([
      'arn:aws:dynamodb:eu-central-1:000000000000:table/dsr-Table1',
      'arn:aws:s3:::dsr-exports-bucket',
      'arn:aws:lambda:eu-central-1:000000000000:function:dsr-Fn1',
      'arn:aws:states:eu-central-1:000000000000:stateMachine:dsr-Flow1',
      'dsr-Flow1',
      'dsr-exports-bucket.s3.eu-central-1.amazonaws.com',
      'dsr-Key1.KeyId',
    ]);
  });

  it('resolves Fn::Join, Fn::Sub (both forms), Fn::Select and Fn::Split', () => {
    expect(resolve({ 'Fn::Join': [':', ['a', { Ref: 'Table1' }, { 'Fn::GetAtt': ['Fn1', 'Arn'] }]] })).toBe(
      'a:dsr-Table1:arn:aws:lambda:eu-central-1:000000000000:function:dsr-Fn1',
    );
    expect(resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::Region}:${Table1}/${Flow1.Name}/${!Literal}' })).toBe(
      'arn:aws:x:eu-central-1:dsr-Table1/dsr-Flow1/${Literal}',
    );
    expect(resolve({ 'Fn::Sub': ['${Who}-${Stage}', { Who: { Ref: 'Fn1' } }] })).toBe('dsr-Fn1-dev');
    expect(resolve({ 'Fn::Select': [2, { 'Fn::Split': ['/', 'a/b/c'] }] })).toBe('c');
  });

  it('drops AWS::NoValue properties and list items', () => {
    expect(resolve({ kept: 'x', dropped: { Ref: 'AWS::NoValue' }, list: ['a', { Ref: 'AWS::NoValue' }] })).toEqual({ kept: 'x', list: ['a'] });
  });

  it('names the place of an unsupported intrinsic or an unknown reference', () => {
    expect(() => resolve({ Variables: { X: { 'Fn::If': ['C', 'a', 'b'] } } })).toThrow(
      'Test.Variables.X: the local runtime does not support the intrinsic Fn::If',
    );
    expect(() => resolve({ Ref: 'Missing' })).toThrow('Test: Ref to unknown resource or parameter Missing');
  });
});

describe('bucket names', () => {
  it('are lower case, valid S3 characters, at most 63 long and end alphanumeric', () => {
    const long = bucketName(`dsr-${'VeryLongConstructPath'.repeat(3)}-Bucket_ABC123`);
    expect(long).toHaveLength(63);
    expect(long).toMatch(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/);
    expect(bucketName('dsr-Exports--').endsWith('s')).toBe(true);
  });
});
