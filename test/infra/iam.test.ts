import { describe, expect, it } from 'vitest';
import { STORES } from '../../functions/core/inventory/index.js';
import { synthStack } from './synth.js';

/** Least privilege, read from the synthesized template's IAM policies. */
const { template } = synthStack();

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const policies = Object.entries<any>(template.findResources('AWS::IAM::Policy'));
const functions = Object.entries<any>(template.findResources('AWS::Lambda::Function'));
const tables = Object.keys(template.findResources('AWS::DynamoDB::Table'));
const buckets = Object.keys(template.findResources('AWS::S3::Bucket'));
const requestsTable = only(tables.filter((id) => id.startsWith('RequestStoreRequests')));
const exportBucket = only(buckets.filter((id) => id.startsWith('RequestStoreExports')));
const inboundMailBucket = only(buckets.filter((id) => id.startsWith('MailboxInboundMail')));
const kiaraTables = tables.filter((id) => id.startsWith('KiaraData'));
const kiaraBuckets = buckets.filter((id) => id.startsWith('KiaraData'));

function only<T>(items: T[]): T {
  if (items.length !== 1) throw new Error(`expected one, got ${items.length}: ${items.join(', ')}`);
  return items[0]!;
}

/** Allow statements of every policy attached to a role (by the role's logical id). */
function statementsOfRole(roleId: string): Statement[] {
  return policies
    .filter(([, policy]) => policy.Properties.Roles?.some((role: any) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[])
    .filter((statement) => statement.Effect === 'Allow');
}

function roleOf(fn: any): string {
  return fn.Properties.Role['Fn::GetAtt'][0];
}

/** The logical ids a policy resource refers to (`Ref` / `Fn::GetAtt`, also inside joins). */
function logicalIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(logicalIds);
  if (!value || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  if (typeof node.Ref === 'string') return node.Ref.startsWith('AWS::') ? [] : [node.Ref];
  if (Array.isArray(node['Fn::GetAtt'])) return [String(node['Fn::GetAtt'][0])];
  return Object.values(node).flatMap(logicalIds);
}

/** Whether a granted action (possibly a `s3:GetObject*` pattern) covers `action`. */
function matchesAction(granted: string, action: string): boolean {
  return new RegExp(`^${granted.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(action);
}

/**
 * Actions AWS only authorizes on Resource "*" (they have no resource-level permissions),
 * and why this stack needs each.
 */
const STAR_ONLY_ACTIONS: Record<string, string> = {
  'xray:PutTraceSegments': 'active X-Ray tracing of Lambdas and state machines',
  'xray:PutTelemetryRecords': 'active X-Ray tracing of Lambdas and state machines',
  'xray:GetSamplingRules': 'X-Ray tracing of the state machines (sampling)',
  'xray:GetSamplingTargets': 'X-Ray tracing of the state machines (sampling)',
  'logs:CreateLogDelivery': 'Step Functions execution logging (CloudWatch Logs vended delivery)',
  'logs:GetLogDelivery': 'Step Functions execution logging',
  'logs:UpdateLogDelivery': 'Step Functions execution logging',
  'logs:DeleteLogDelivery': 'Step Functions execution logging',
  'logs:ListLogDeliveries': 'Step Functions execution logging',
  'logs:PutResourcePolicy': 'Step Functions execution logging (log group resource policy for delivery)',
  'logs:DescribeResourcePolicies': 'Step Functions execution logging',
  'logs:DescribeLogGroups': 'Step Functions execution logging',
};

/**
 * Roles that aws-cdk-lib creates and grants itself, not this project's code: the
 * BucketDeployment provider invalidates the console distribution with
 * cloudfront:CreateInvalidation/GetInvalidation on "*" (CDK's own grant).
 */
const CDK_OWNED_STAR_GRANTS: Record<string, string[]> = {
  CustomCDKBucketDeployment: ['cloudfront:GetInvalidation', 'cloudfront:CreateInvalidation'],
};

describe('IAM least privilege', () => {
  it('never allows every action, nor every action of a service', () => {
    for (const [id, policy] of policies) {
      for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
        for (const action of list(statement.Action)) {
          expect(action, `${id}`).not.toBe('*');
          expect(action, `${id}`).not.toMatch(/^[a-z0-9-]+:\*$/);
        }
      }
    }
  });

  it('uses Resource "*" only for actions AWS authorizes on "*" alone', () => {
    for (const [id, policy] of policies) {
      for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
        if (!list(statement.Resource).includes('*')) continue;
        const cdkOwned = Object.entries(CDK_OWNED_STAR_GRANTS).find(([prefix]) => id.startsWith(prefix))?.[1] ?? [];
        for (const action of list(statement.Action)) {
          expect(
            action in STAR_ONLY_ACTIONS || cdkOwned.includes(action),
            `${id} allows ${action} on "*"`,
          ).toBe(true);
        }
      }
    }
  });

  it('lets each store connector touch only its own store, the requests table and work/ of the export bucket', () => {
    const connectors = functions.filter(([, fn]) => fn.Properties.Environment?.Variables?.STORE_ID);
    expect(connectors).toHaveLength(STORES.length);
    for (const [id, fn] of connectors) {
      const variables = fn.Properties.Environment.Variables;
      const store = STORES.find((candidate) => candidate.id === variables.STORE_ID)!;
      const ownTable: string | undefined = variables.STORE_TABLE?.Ref;
      const ownBucket: string | undefined = variables.STORE_BUCKET?.Ref;
      if (store.location.kind === 'dynamodb') expect(ownTable, id).toBeDefined();
      else expect(ownBucket, id).toBeDefined();

      const statements = statementsOfRole(roleOf(fn));
      const touched = new Set(statements.flatMap((statement) => logicalIds(statement.Resource)));
      for (const needed of [ownTable ?? ownBucket, requestsTable, exportBucket]) {
        expect(touched.has(needed!), `${store.id} connector lacks ${needed}`).toBe(true);
      }
      const allowed = new Set([ownTable, ownBucket, requestsTable, exportBucket].filter(Boolean));
      for (const other of [...kiaraTables, ...kiaraBuckets].filter((resource) => !allowed.has(resource))) {
        expect(touched.has(other), `${store.id} connector may touch ${other}`).toBe(false);
      }
      for (const statement of statements) {
        const resources = list(statement.Resource);
        if (!logicalIds(resources).includes(exportBucket)) continue;
        // Only objects under work/: no package, no listing of the bucket.
        expect(resources, `${store.id} connector on the export bucket`).toEqual([
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [exportBucket, 'Arn'] }, '/work/*']] },
        ]);
        for (const action of list(statement.Action)) expect(action, store.id).toMatch(/^s3:(PutObject|Abort)/);
      }
      // Erasure rights only where the inventory erases by deleting.
      const deletes = statements.filter(
        (statement) =>
          list(statement.Action).some((action) => /^dynamodb:(DeleteItem|BatchWriteItem)$/.test(action)) &&
          logicalIds(statement.Resource).includes(ownTable ?? '-'),
      );
      if (store.location.kind === 'dynamodb') {
        expect(deletes.length > 0, `${store.id} delete rights`).toBe(store.erasure.action === 'delete');
      }
    }
  });

  it('lets Assemble read and delete work/ and write packages/ of the export bucket, nothing else there', () => {
    const [id, assemble] = only(functions.filter(([, fn]) => fn.Metadata?.DsrEntry === 'functions/workflow/assemble/index.ts'));
    const objects = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [exportBucket, 'Arn'] }, `/${prefix}*`]] });
    const bucket = { 'Fn::GetAtt': [exportBucket, 'Arn'] };
    const s3 = statementsOfRole(roleOf(assemble)).filter((statement) =>
      list(statement.Action).some((action) => action.startsWith('s3:')),
    );
    expect(s3.length, id).toBeGreaterThan(0);
    const allowed = (action: string) =>
      s3.filter((statement) => list(statement.Action).some((granted) => matchesAction(granted, action))).flatMap((statement) => list(statement.Resource));
    // functions/connectors/package.ts: GetObject of parts and copied files under work/,
    // a multipart upload of packages/{id}/….zip (aborted on failure), ListObjectsV2 of
    // work/{id}/ and DeleteObjects of what it lists (deleteWorkFiles).
    expect(allowed('s3:GetObject')).toEqual([bucket, objects('work/')]);
    expect(allowed('s3:ListBucket')).toEqual([bucket, objects('work/')]);
    expect(allowed('s3:DeleteObject')).toEqual([objects('work/')]);
    expect(allowed('s3:PutObject')).toEqual([objects('packages/')]);
    expect(allowed('s3:AbortMultipartUpload')).toEqual([objects('packages/')]);
    // Every S3 statement names this bucket or one of those two prefixes, nothing wider.
    for (const statement of s3) {
      for (const resource of list(statement.Resource)) {
        expect([bucket, objects('work/'), objects('packages/')], `${id}: ${JSON.stringify(resource)}`).toContainEqual(resource);
      }
    }
    // No write outside packages/, no delete of packages/ nor anywhere but work/.
    for (const statement of s3) {
      const actions = list(statement.Action);
      const resources = list(statement.Resource);
      if (actions.some((action) => /^s3:(Put|Abort|Restore|Replicate|Create)/.test(action))) {
        expect(resources, `${id} writes`).toEqual([objects('packages/')]);
      }
      if (actions.some((action) => /^s3:Delete/.test(action))) expect(resources, `${id} deletes`).toEqual([objects('work/')]);
    }
  });

  it('lets ErasePackages delete packages/ of the export bucket and the received mail (inbound/) of the inbound-mail bucket, and do nothing else in S3', () => {
    const [id, erasePackages] = only(functions.filter(([, fn]) => fn.Metadata?.DsrEntry === 'functions/workflow/erase-packages/index.ts'));
    const s3 = statementsOfRole(roleOf(erasePackages)).filter((statement) => list(statement.Action).some((action) => action.startsWith('s3:')));
    expect(s3.flatMap((statement) => list(statement.Action)), id).toEqual(['s3:DeleteObject*', 's3:DeleteObject*']);
    expect(s3.flatMap((statement) => list(statement.Resource)), id).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [exportBucket, 'Arn'] }, '/packages/*']] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [inboundMailBucket, 'Arn'] }, '/inbound/*']] },
    ]);
  });

  // The webhook and the privacy mailbox call the same intake use case (functions/intake/accept.ts).
  it.each(['functions/intake/index.ts', 'functions/mail-intake/index.ts'])('gives %s exactly the item operations the intake makes, and deletes only person items', (entry) => {
    const [id, intake] = only(functions.filter(([, fn]) => fn.Metadata?.DsrEntry === entry));
    // The mail intake's one Query, on the sent-mail index alone, is asserted in privacy-mailbox.test.ts.
    const statements = statementsOfRole(roleOf(intake)).filter((statement) => !JSON.stringify(statement.Resource).includes('/index/bySentMessage'));
    const dynamo = statements.filter((statement) => list(statement.Action).some((action) => action.startsWith('dynamodb:')));
    for (const statement of dynamo) {
      expect(statement.Resource, id).toEqual({ 'Fn::GetAtt': [requestsTable, 'Arn'] });
    }
    const unconditioned = dynamo.filter((statement) => !statement.Condition).flatMap((statement) => list(statement.Action));
    // functions/intake: GetItem/PutItem/UpdateItem (requests, audit, the person's limit
    // window and claims); no Query, no batch writes.
    expect(unconditioned.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    const deletes = dynamo.filter((statement) => list(statement.Action).includes('dynamodb:DeleteItem'));
    expect(deletes).toHaveLength(1);
    expect(list(deletes[0]!.Action)).toEqual(['dynamodb:DeleteItem']);
    // PersonLedger.withdraw deletes a `PERSON#...` item it created; nothing else may be deleted.
    expect(deletes[0]!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PERSON#*'] } });
    const allActions = statements.flatMap((statement) => list(statement.Action));
    expect(allActions).not.toContain('dynamodb:BatchWriteItem');
    const touched = new Set(statements.flatMap((statement) => logicalIds(statement.Resource)));
    for (const other of [...kiaraTables, ...kiaraBuckets, exportBucket]) expect(touched.has(other), other).toBe(false);
  });
  it('grants the requests table only item operations: no scans, no batch writes, deletes only where email is sent', () => {
    // Handlers that send email delete the once-only marker of a send that failed.
    const mailers = new Set([
      'functions/identity/index.ts', 'functions/admin/index.ts', 'functions/watch/act/index.ts',
      'functions/workflow/acknowledge/index.ts', 'functions/workflow/await-decision/index.ts', 'functions/workflow/respond/index.ts',
      'functions/notice-sender/index.ts',
    ]);
    // The intakes and the retention purge have tests of their own.
    const own = new Set(['functions/intake/index.ts', 'functions/mail-intake/index.ts', 'functions/retention/index.ts']);
    const handlers = functions.filter(([, fn]) => fn.Metadata?.DsrEntry && !own.has(fn.Metadata.DsrEntry));
    expect(handlers.length).toBeGreaterThan(15);
    for (const [id, fn] of handlers) {
      const onRequests = statementsOfRole(roleOf(fn)).filter((statement) => logicalIds(statement.Resource).includes(requestsTable));
      const actions = onRequests.flatMap((statement) => list(statement.Action)).filter((action) => action.startsWith('dynamodb:'));
      if (fn.Metadata.DsrEntry === 'functions/openapi/index.ts') {
        expect(actions, id).toEqual([]);
        continue;
      }
      expect(actions, id).toEqual(expect.arrayContaining(['dynamodb:GetItem']));
      for (const action of actions) {
        expect(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], `${id} ${action}`).toContain(action);
      }
      expect(actions.includes('dynamodb:DeleteItem'), `${id} DeleteItem`).toBe(mailers.has(fn.Metadata.DsrEntry));
    }
  });

  it('lets the download link record its audit event (a put), and nothing reads its requests table by scan', () => {
    const [, downloads] = only(functions.filter(([, fn]) => fn.Metadata?.DsrEntry === 'functions/downloads/index.ts'));
    const actions = statementsOfRole(roleOf(downloads)).flatMap((statement) => list(statement.Action));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
    expect(actions).not.toContain('dynamodb:UpdateItem');
    const everyAction = policies.flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement).flatMap((st: Statement) => list(st.Action));
    expect(everyAction.filter((action) => /^dynamodb:(Scan|PartiQL|BatchGetItem|Describe|GetRecords)/.test(action))).toEqual([]);
  });

  it('lets only the retention purge batch-write the requests table: it queries and deletes, nothing else', () => {
    const [id, purge] = only(functions.filter(([, fn]) => fn.Metadata?.DsrEntry === 'functions/retention/index.ts'));
    const purgeRole = roleOf(purge);
    // No other role (Lambda, state machine, scheduler) may batch-write the requests table.
    for (const [policyId, policy] of policies) {
      const statements = (policy.Properties.PolicyDocument.Statement as Statement[]).filter((statement) =>
        logicalIds(statement.Resource).includes(requestsTable));
      if (policy.Properties.Roles?.some((role: any) => role.Ref === purgeRole)) continue;
      const actions = statements.flatMap((statement) => list(statement.Action));
      expect(actions.filter((action) => matchesAction(action, 'dynamodb:BatchWriteItem')), policyId).toEqual([]);
    }
    // functions/retention: Query of the retention index and of each expired partition,
    // BatchWriteItem deletes of its items, DeleteItem of the request item last.
    const statements = statementsOfRole(purgeRole);
    const dynamo = statements.filter((statement) => list(statement.Action).some((action) => action.startsWith('dynamodb:')));
    expect(dynamo.flatMap((statement) => list(statement.Action)).sort(), id).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:Query']);
    for (const statement of dynamo) expect(logicalIds(statement.Resource), id).toEqual([requestsTable, requestsTable]);
    const touched = new Set(statements.flatMap((statement) => logicalIds(statement.Resource)));
    for (const other of [...kiaraTables, ...kiaraBuckets, exportBucket]) expect(touched.has(other), other).toBe(false);
    // A daily schedule invokes it, with a role that may invoke that function alone.
    const [, schedule] = only(Object.entries<any>(template.findResources('AWS::Scheduler::Schedule')));
    expect(schedule.Properties.ScheduleExpression).toBe('cron(30 3 * * ? *)');
    expect(schedule.Properties.ScheduleExpressionTimezone).toBe('Europe/Amsterdam');
    expect(logicalIds(schedule.Properties.Target.Arn)).toEqual([id]);
    const invokes = statementsOfRole(schedule.Properties.Target.RoleArn['Fn::GetAtt'][0]);
    expect(invokes.flatMap((statement) => list(statement.Action))).toEqual(['lambda:InvokeFunction']);
    expect(new Set(invokes.flatMap((statement) => logicalIds(statement.Resource)))).toEqual(new Set([id]));
  });
});
