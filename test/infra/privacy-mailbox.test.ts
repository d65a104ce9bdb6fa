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
/** Every statement of the IAM policies on a function's role. */
const roleStatements = (fn: any): any[] => {
  const role = fn.Properties.Role['Fn::GetAtt'][0];
  return Object.values<any>(template.findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles?.some((r: any) => r.Ref === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as any[]);
};
/** The key patterns a statement's object ARNs of the inbound-mail bucket end with ("/inbound/*"). */
const objectPatterns = (statement: any): string[] =>
  list(statement.Resource).flatMap((resource: any) => {
    const parts = resource['Fn::Join']?.[1] as any[] | undefined;
    const bucketArn = parts?.[0]?.['Fn::GetAtt'];
    return bucketArn?.[0] === bucketId && bucketArn[1] === 'Arn' && typeof parts![1] === 'string' ? [parts![1] as string] : [];
  });
const functionOf = (entry: string) => only(resources('AWS::Lambda::Function').filter(([, fn]) => fn.Metadata?.DsrEntry === entry))[1];

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

  it('lets the mail intake read inbound/ of its bucket and write only inbound/attachments/; it writes no message and deletes nothing', () => {
    const statements = roleStatements(mailIntake);
    const s3 = statements.filter((s) => list(s.Action).some((a: string) => a.startsWith('s3:')));
    const writes = s3.filter((s) => list(s.Action).some((a: string) => /^s3:(Put|Delete|Abort|Restore|Replicate|Create)/.test(a)));
    expect(writes).toHaveLength(1);
    expect(list(writes[0].Action).filter((a: string) => /^s3:(Delete|Restore|Replicate|Create)/.test(a))).toEqual([]);
    expect(list(writes[0].Action)).toContain('s3:PutObject');
    expect(objectPatterns(writes[0])).toEqual(['/inbound/attachments/*']);
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

  it('keeps the stored attachments under the raw messages’ lifecycle rule (inbound/ covers inbound/attachments/)', () => {
    const [rule] = bucket.Properties.LifecycleConfiguration.Rules;
    expect('inbound/attachments/1/1'.startsWith(rule.Prefix)).toBe(true);
  });

  it('lets the admin API read inbound/attachments/ of the bucket only (to presign the team’s downloads), never a raw message', () => {
    const admin = functionOf('functions/admin/index.ts');
    const s3 = roleStatements(admin).filter((s) => JSON.stringify(s.Resource).includes(bucketId));
    expect(s3.length).toBeGreaterThan(0);
    for (const statement of s3) {
      expect(list(statement.Action).filter((a: string) => !/^s3:(GetObject|GetBucket|List)/.test(a))).toEqual([]);
      expect(objectPatterns(statement).length === 0 || objectPatterns(statement).every((p) => p === '/inbound/attachments/*')).toBe(true);
    }
    expect(s3.flatMap(objectPatterns)).toEqual(['/inbound/attachments/*']);
    expect(admin.Properties.Environment.Variables).toMatchObject({ INBOUND_MAIL_BUCKET: { Ref: bucketId }, INBOUND_MAIL_PREFIX: 'inbound/' });
  });

  it.each(['functions/workflow/erase-packages/index.ts', 'functions/workflow/close/index.ts'])(
    'lets %s (after an erasure; Close when it found no data) delete inbound/ of the bucket: the person’s mail and attachments; nothing else there',
    (entry) => {
      const erase = functionOf(entry);
      const s3 = roleStatements(erase).filter((s) => JSON.stringify(s.Resource).includes(bucketId));
      expect(s3.flatMap((s) => list(s.Action))).toEqual(['s3:DeleteObject*']);
      expect(s3.flatMap(objectPatterns)).toEqual(['/inbound/*']);
      expect(erase.Properties.Environment.Variables).toMatchObject({ INBOUND_MAIL_BUCKET: { Ref: bucketId }, INBOUND_MAIL_PREFIX: 'inbound/' });
    },
  );

  it('gives no other function access to the bucket than the mail intake, the admin API, ErasePackages and Close', () => {
    const withAccess = resources('AWS::Lambda::Function')
      .filter(([, fn]) => roleStatements(fn).some((s) => JSON.stringify(s.Resource).includes(bucketId)))
      .map(([, fn]) => fn.Metadata?.DsrEntry)
      .sort();
    expect(withAccess).toEqual(['functions/admin/index.ts', 'functions/mail-intake/index.ts', 'functions/workflow/close/index.ts', 'functions/workflow/erase-packages/index.ts']);
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
