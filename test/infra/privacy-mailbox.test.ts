import { describe, expect, it } from 'vitest';
import { synthStack } from './synth.js';

/** The privacy mailbox in AWS: SES receipt rule set, encrypted message bucket, the intake's grants. */
const { template } = synthStack();
const resources = (type: string) => Object.entries<any>(template.findResources(type));
const only = <T>(items: T[]): T => {
  if (items.length !== 1) throw new Error(`expected one, got ${items.length}`);
  return items[0]!;
};
const [bucketId, bucket] = only(resources('AWS::S3::Bucket').filter(([id]) => id.startsWith('MailboxInboundMail')));
const [, mailIntake] = only(
  resources('AWS::Lambda::Function').filter(([, fn]) => fn.Metadata?.DsrEntry === 'functions/mail-intake/index.ts'),
);
const keyId = only(Object.keys(template.findResources('AWS::KMS::Key')));
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

describe('the privacy mailbox (SES receipt)', () => {
  it('receives mail for the privacy address only: the message to the bucket first, then the intake Lambda', () => {
    const [, rule] = only(resources('AWS::SES::ReceiptRule'));
    expect(rule.Properties.Rule.Recipients).toEqual(['privacy@kiara-api.com']);
    expect(rule.Properties.Rule.Enabled).toBe(true);
    expect(rule.Properties.Rule.ScanEnabled).toBe(true);
    const [store, invoke] = rule.Properties.Rule.Actions;
    expect(store.S3Action).toEqual({ BucketName: { Ref: bucketId }, ObjectKeyPrefix: 'inbound/' });
    expect(invoke.LambdaAction).toMatchObject({ InvocationType: 'Event' });
    expect(rule.Properties.RuleSetName).toEqual({ Ref: only(Object.keys(template.findResources('AWS::SES::ReceiptRuleSet'))) });
  });

  it('takes the privacyAddress setting', () => {
    const custom = synthStack({ privacyAddress: 'privacy@example.org' }).template;
    const rule = Object.values<any>(custom.findResources('AWS::SES::ReceiptRule'))[0];
    expect(rule.Properties.Rule.Recipients).toEqual(['privacy@example.org']);
    expect(() => synthStack({ privacyAddress: 'not an address' })).toThrow(/privacyAddress/);
  });

  it('keeps the raw messages encrypted with the stack key, TLS-only, private and access-logged', () => {
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      {
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      },
    ]);
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.LoggingConfiguration.LogFilePrefix).toBe('inbound-mail/');
    // Six years by default: the record's five years of retention plus one.
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ Prefix: 'inbound/', ExpirationInDays: 6 * 366, Status: 'Enabled' }),
    ]);
    const policy = Object.values<any>(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === bucketId,
    );
    const statements = policy.Properties.PolicyDocument.Statement as any[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // SES may put objects under inbound/ for this account only.
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 's3:PutObject',
        Principal: { Service: 'ses.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    );
  });

  it('lets SES use the key only through S3, for this account', () => {
    const key = template.findResources('AWS::KMS::Key')[keyId];
    const ses = (key.Properties.KeyPolicy.Statement as any[]).filter((s) => s.Principal?.Service === 'ses.amazonaws.com');
    expect(ses).toEqual([
      expect.objectContaining({
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Condition: {
          StringEquals: {
            'aws:SourceAccount': { Ref: 'AWS::AccountId' },
            'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
          },
        },
      }),
    ]);
  });

  it('lets only SES of this account invoke the mail intake', () => {
    const permissions = resources('AWS::Lambda::Permission').filter(
      ([, p]) => p.Properties.Principal === 'ses.amazonaws.com',
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]![1].Properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  it('lets the mail intake read inbound/ of its bucket and nothing else in S3; it writes and deletes no message', () => {
    const role = mailIntake.Properties.Role['Fn::GetAtt'][0];
    const statements = Object.values<any>(template.findResources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles?.some((r: any) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as any[]);
    const s3 = statements.filter((s) => list(s.Action).some((a: string) => a.startsWith('s3:')));
    const actions = s3.flatMap((s) => list(s.Action));
    expect(actions.filter((a: string) => /^s3:(Put|Delete|Abort|Restore|Replicate|Create)/.test(a))).toEqual([]);
    for (const statement of s3) {
      expect(JSON.stringify(statement.Resource)).toContain(bucketId);
      expect(JSON.stringify(statement.Resource)).not.toMatch(/RequestStoreExports|KiaraData/);
    }
    expect(JSON.stringify(s3)).toContain('/inbound/*');
    // It starts the workflow and the deadline watch, nothing else in Step Functions.
    const sfn = statements.filter((s) => list(s.Action).some((a: string) => a.startsWith('states:')));
    expect(sfn.flatMap((s) => list(s.Action))).toEqual(['states:StartExecution', 'states:StartExecution']);
    expect(mailIntake.Properties.Environment.Variables).toMatchObject({ MAIL_PREFIX: 'inbound/' });
  });

  it('lets the mail intake query the requests table only on the sent-mail index (a reply’s In-Reply-To), nothing else', () => {
    const role = mailIntake.Properties.Role['Fn::GetAtt'][0];
    const statements = Object.values<any>(template.findResources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles?.some((r: any) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as any[]);
    const queries = statements.filter((s) => list(s.Action).includes('dynamodb:Query'));
    expect(queries).toHaveLength(1);
    expect(list(queries[0].Action)).toEqual(['dynamodb:Query']);
    expect(JSON.stringify(queries[0].Resource)).toMatch(/"\/index\/bySentMessage"\]/);
    expect(JSON.stringify(queries[0].Resource)).not.toContain('*');
  });

  it('is left out of the LocalStack variant (no SES receipt rules there)', () => {
    const localstack = synthStack({ target: 'localstack' }).template;
    expect(Object.keys(localstack.findResources('AWS::SES::ReceiptRuleSet'))).toEqual([]);
  });
});
