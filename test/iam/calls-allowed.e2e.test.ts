import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES } from '../../functions/core/inventory/index.js';
import { closedIndex, requestKeys } from '../../functions/core/request/keys.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { WATCH_WAIT_STATE } from '../../lib/constructs/deadline-watch.js';
import { NOTICE_SENDER_STATES } from '../../lib/constructs/notice-sender.js';
import { DEFAULT_PRIVACY_ADDRESS } from '../../lib/constructs/privacy-mailbox.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { readMailbox, type LocalRuntime } from '../../lib/local-runtime/index.js';
import { journey } from '../workflow/journey.js';
import { takeSupportStoreDown } from '../workflow/store-outage.js';
import { eventually, onLocalStack, startEmbedded, type DsrTarget } from '../workflow/target.js';
import { evaluate, functionRolePolicy, wildcardMatch, type RolePolicy, type Statement } from './policy.js';
import { installRecorder, type Recorder, type RecordedCall, type RecordedCheck } from './recorder.js';

/**
 * The local runtime enforces no IAM, so a Lambda whose role lacks a permission works here
 * and fails in AWS. This test runs real flows on the embedded runtime, records every AWS
 * call each handler makes (./recorder.ts: middleware on the handlers' shared SDK clients,
 * attributed by the runtime's invokingFunction()), and checks each against the IAM
 * policies the synthesized template attaches to that function's role (./policy.ts).
 */
const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];

/** Functions of the stack that make no AWS call at all, and why. */
const NO_AWS_CALLS: Record<string, string> = {
  'functions/openapi/index.ts': 'serves the OpenAPI document it was built with',
};

const FLOW_TIMEOUT = 120_000;
const storeStates = STORES.flatMap((store) => [`collect ${store.id}`, `erase ${store.id}`]);

let target: DsrTarget;
let runtime: LocalRuntime;
let flow: ReturnType<typeof journey>;
let recorder: Recorder;
/** The rejected request, which the retention purge finds old. */
let rejected: string;
const started = performance.now();

/** Logical id → DsrEntry of every function the runtime can run. */
const entries = () =>
  new Map(
    Object.entries<any>(runtime.template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function' && typeof resource.Metadata?.DsrEntry === 'string')
      .map(([logicalId, resource]) => [logicalId, resource.Metadata.DsrEntry as string]),
  );

/** The logical id of the function built from `entry`. */
const functionOf = (entry: string) => [...entries()].find(([, built]) => built === entry)![0];

/** The mailed link of `kind` (verify or downloads) of a request, on this API. */
async function mailedLinks(requestId: string, kind: 'verify' | 'downloads'): Promise<string[]> {
  const pattern = new RegExp(`https?://[^\\s]+/v1/${kind}/[A-Za-z0-9_-]+`, 'g');
  return (await flow.mailsFor(requestId)).flatMap((mail) => mail.text.match(pattern) ?? []).map((link) => link.replace(/^https?:\/\/[^/]+/, ''));
}

/** Until no handler call is in flight, none has started for a second and no execution runs. */
async function quiet() {
  const machine = (prefix: string) => runtime.stepFunctions.machines.find((candidate) => candidate.logicalId.startsWith(prefix))!.arn;
  const machines = [target.resources.workflowArn, target.resources.watchArn, machine('NoticesStateMachine'), machine('RestrictionLiftStateMachine')];
  let seen = -1;
  await eventually(async () => {
    const running = machines.some((arn) => runtime.stepFunctions.listExecutions({ stateMachineArn: arn, statusFilter: 'RUNNING' }).executions.length > 0);
    const settled = !running && recorder.inFlight() === 0 && recorder.calls.length === seen;
    seen = recorder.calls.length;
    if (!settled) await new Promise((resolve) => setTimeout(resolve, 1000));
    return settled || undefined;
  }, 'every execution and handler call to end', 60_000);
}

describe.skipIf(onLocalStack)('every AWS call a handler makes is allowed by its role in the template', () => {
  beforeAll(async () => {
    target = await startEmbedded({
      // Failing stores retry at once, and the deadline watch's Waits end at once, so its
      // reminders and escalations run while the requests are open; so does the notice
      // sender's, so the extension's sender makes its calls too.
      retryIntervalOverrides: Object.fromEntries(storeStates.map((state) => [state, 0])),
      waitTimeOverrides: { [WATCH_WAIT_STATE]: 0, [NOTICE_SENDER_STATES.wait]: 0 },
    });
    runtime = target.local!.runtime;
    flow = journey(target);
    const tokenExecutions = new Map<string, string>();
    recorder = installRecorder({
      template: runtime.template,
      resolve: (value) => runtime.resolve(value),
      // A repeated decision sends a token again after its task ended (decideStep finishing a
      // call that died): AWS still authorises it against the token's state machine, so a
      // token once seen open keeps its execution.
      taskTokenExecution: (token) => {
        const open = runtime.stepFunctions.pendingTaskTokens().find((task) => task.taskToken === token)?.executionArn;
        if (open) tokenExecutions.set(token, open);
        return open ?? tokenExecutions.get(token);
      },
    });
  });
  afterAll(async () => {
    recorder?.uninstall();
    await target?.stop();
    console.info(`IAM calls test: ${Math.round((performance.now() - started) / 1000)} s in all`);
  });

  describe.sequential('real flows through the public surfaces', () => {
    it('an access request: a duplicate, an extension, approval, completion, the package downloaded', async () => {
      const access = await flow.submit({ type: 'access', email: ada.email, details: 'iam: access' });
      const duplicate = await flow.submit({ type: 'access', email: ada.email, details: 'iam: again' });
      await flow.waitForStatus(duplicate, 'duplicate');
      await flow.confirmIdentity(access, ada.email);
      const [link] = await mailedLinks(access, 'verify');
      expect((await flow.api.call(link!, { method: 'POST' })).status).toBe(409);
      await flow.waitFor(access, (request) => request.pendingStep === 'review', 'pending review');
      expect((await flow.api.admin(`/requests/${access}/extend`, 'POST', { reason: 'Many media files.' })).status).toBe(200);
      expect((await flow.api.admin(`/requests/${access}/approve`, 'POST')).status).toBe(200);
      expect((await flow.api.admin(`/requests/${access}/approve`, 'POST')).status).toBe(409);
      await flow.waitForStatus(access, 'completed');

      const download = await eventually(async () => (await mailedLinks(access, 'downloads'))[0], 'the download link');
      const redirect = await flow.api.call(download);
      expect(redirect.status).toBe(302);
      const zip = await fetch(redirect.headers.get('location')!);
      expect(zip.status).toBe(200);
      await zip.arrayBuffer();
      // Unknown links get their pages (the identity page counts the guess against the client).
      expect((await flow.api.call('/v1/downloads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(410);
      expect((await flow.api.call('/v1/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    }, FLOW_TIMEOUT);

    it('an erasure request, approved and completed', async () => {
      const erasure = await flow.reachReview({ type: 'erasure', email: bram.email, locale: 'nl' });
      expect((await flow.api.admin(`/requests/${erasure}/approve`, 'POST')).status).toBe(200);
      await flow.waitForStatus(erasure, 'completed');
    }, FLOW_TIMEOUT);

    it('an erasure after an access request: the earlier package deleted, its link revoked', async () => {
      const access = await flow.reachReview({ type: 'portability', email: bram.email, details: 'iam: package to revoke' });
      expect((await flow.api.admin(`/requests/${access}/approve`, 'POST')).status).toBe(200);
      await flow.waitForStatus(access, 'completed');
      const erasure = await flow.reachReview({ type: 'erasure', email: bram.email, details: 'iam: erase again' });
      expect((await flow.api.admin(`/requests/${erasure}/approve`, 'POST')).status).toBe(200);
      expect((await flow.waitForStatus(erasure, 'completed')).audit.map((event: any) => event.type)).toContain('earlier_packages_erased');
      const [download] = await mailedLinks(access, 'downloads');
      expect((await flow.api.call(download!)).status).toBe(410);
    }, FLOW_TIMEOUT);

    it('a restriction: marked, held, listed and lifted', async () => {
      const restriction = await flow.reachReview({ type: 'restriction', email: ada.email, details: 'iam: restrict' });
      expect((await flow.api.admin(`/requests/${restriction}/approve`, 'POST', { outcome: 'Restricted while the accuracy is checked.' })).status).toBe(200);
      expect((await flow.waitForStatus(restriction, 'completed')).audit.map((event: any) => event.type)).toContain('restriction_applied');
      expect((await flow.api.admin('/restrictions')).status).toBe(200);
      expect((await flow.api.admin(`/restrictions/${restriction}/lift`, 'POST', { reason: 'Accuracy checked.' })).status).toBe(202);
      // The release runs on in the "lift restrictions" state machine, a page an invocation.
      await flow.waitFor(restriction, (request) => request.restriction?.status === 'lifted', 'the restriction lifted');
    }, FLOW_TIMEOUT);

    it('a rejection, the queue listed, a cancellation and a request with no account', async () => {
      rejected = await flow.reachReview({ type: 'access', email: ada.email, details: 'iam: reject' });
      const reject = await flow.api.admin(`/requests/${rejected}/reject`, 'POST', { reasonCode: 'excessive', reason: 'Repeated request.' });
      expect(reject.status).toBe(200);
      await flow.waitForStatus(rejected, 'rejected');
      // The privacy team's queue: the list index.
      expect((await flow.api.admin('/requests')).status).toBe(200);

      const cancelled = await flow.reachReview({ type: 'access', email: ada.email, details: 'iam: cancel' });
      expect((await flow.api.admin(`/requests/${cancelled}/cancel`, 'POST')).status).toBe(200);
      await flow.waitForStatus(cancelled, 'cancelled');

      const nobody = 'nobody@example.org';
      const noData = await flow.submit({ type: 'access', email: nobody });
      await flow.confirmIdentity(noData, nobody);
      await flow.waitForStatus(noData, 'completed_no_data');
    }, FLOW_TIMEOUT);

    it('an identity link resent, and the resent link confirming', async () => {
      const email = 'resend@example.org';
      const requestId = await flow.submit({ type: 'portability', email });
      await flow.identityLink(requestId, email);
      expect((await flow.api.call(`/v1/requests/${requestId}/resend-verification`, { method: 'POST' })).status).toBe(202);
      const links = await eventually(async () => {
        const found = await mailedLinks(requestId, 'verify');
        return found.length === 2 ? found : undefined;
      }, 'the resent identity link');
      expect((await flow.api.call(links[1]!, { method: 'POST' })).status).toBe(200);
      await flow.waitForStatus(requestId, 'completed_no_data');
    }, FLOW_TIMEOUT);

    it('the per-person limit: an eleventh delivery within the hour refused; a reused Idempotency-Key refused and its person item taken back', async () => {
      const email = 'flood@example.org';
      const first = await flow.submit({ type: 'access', email, details: 'iam: flood 0' });
      for (let i = 1; i < 10; i++) await flow.submit({ type: 'access', email, details: `iam: flood ${i}` });
      expect((await flow.api.submit({ type: 'access', email, details: 'iam: flood 10' })).status).toBe(429);
      const key = { 'idempotency-key': 'iam-reused-key' };
      const owner = 'iam-key-owner@example.org';
      const keyed = await flow.api.submit({ type: 'access', email: owner }, key);
      expect(keyed.status).toBe(202);
      expect((await flow.api.submit({ type: 'access', email: 'iam-key-reuser@example.org' }, key)).status).toBe(422);
      await flow.confirmIdentity(keyed.body.requestId, owner);
      await flow.waitForStatus(keyed.body.requestId, 'completed_no_data');
      await flow.confirmIdentity(first, email);
      await flow.waitForStatus(first, 'completed_no_data');
    }, FLOW_TIMEOUT);

    it('a store outage: the failure parked, the store back, the privacy team retrying', async () => {
      const bringBack = await takeSupportStoreDown(target.resources);
      const requestId = await flow.reachReview({ type: 'access', email: ada.email, details: 'iam: outage' });
      await flow.api.admin(`/requests/${requestId}/approve`, 'POST');
      await flow.waitForStatus(requestId, 'awaiting_store_retry');
      await eventually(async () => flow.countBy(await flow.mailsFor(requestId), /Store step failed/) || undefined, 'the store-failure notice');
      await bringBack([ada]);
      expect((await flow.api.admin(`/requests/${requestId}/retry`, 'POST', {})).status).toBe(200);
      await flow.waitForStatus(requestId, 'completed');
    }, FLOW_TIMEOUT);

    it('the privacy mailbox: mail filed, triaged and approved, a reply joined, an erasure by mail with an attachment, held mail dismissed; a team-filed letter', async () => {
      const smtp = createTransport({ host: '127.0.0.1', port: target.local!.smtpPort, secure: false, ignoreTLS: true });
      await smtp.sendMail({ from: ada.email, to: DEFAULT_PRIVACY_ADDRESS, subject: 'iam: mail', text: 'Please send me a copy of my data.' });
      const mailed = await eventually(async () => {
        const items = (await flow.api.admin('/requests?status=open&pendingStep=verify_identity&limit=100')).body.items as any[];
        return items.find((item) => item.channel === 'email')?.requestId as string | undefined;
      }, 'the mailed request');
      const [ack] = (await flow.mailsFor(mailed)).filter((mail) => mail.to.includes(ada.email));
      await smtp.sendMail({ from: ada.email, to: DEFAULT_PRIVACY_ADDRESS, subject: `Re: ${ack!.subject}`, text: 'iam: reply' });
      await flow.waitFor(mailed, (request) => request.messages.length === 1, 'the reply joined');
      // A reply that names the acknowledgement's Message-ID only (the sent-mail index).
      const sent = (await readMailbox(target.local!.mailboxUrl)).find((mail) => mail.subject === ack!.subject);
      await smtp.sendMail({ from: ada.email, to: DEFAULT_PRIVACY_ADDRESS, subject: 'iam: threaded', text: 'iam: reply', inReplyTo: `<${sent!.messageId}@eu-west-1.amazonses.com>` });
      await flow.waitFor(mailed, (request) => request.messages.length === 2, 'the threaded reply joined');
      // Ada's account still exists (the erasure above was Bram's).
      await flow.confirmIdentity(mailed, ada.email);
      await flow.waitFor(mailed, (request) => request.pendingStep === 'triage', 'pending triage');
      expect((await flow.api.admin(`/requests/${mailed}/triage`, 'POST', { types: ['access'] })).status).toBe(200);
      await flow.waitFor(mailed, (request) => request.pendingStep === 'review', 'pending review');
      expect((await flow.api.admin(`/requests/${mailed}/approve`, 'POST')).status).toBe(200);
      await flow.waitForStatus(mailed, 'completed');

      // An erasure by mail: the intake stores the attachment, the team downloads it (a
      // presigned GET), the erasure deletes the mail and the attachment (ErasePackages).
      await smtp.sendMail({ from: bram.email, to: DEFAULT_PRIVACY_ADDRESS, subject: 'iam: erase by mail', text: 'Please delete my data.', attachments: [{ filename: 'id.pdf', content: Buffer.from('%PDF-1.4') }] });
      const erasing = await eventually(async () => {
        const items = (await flow.api.admin('/requests?status=open&pendingStep=verify_identity&limit=100')).body.items as any[];
        return items.find((item) => item.channel === 'email')?.requestId as string | undefined;
      }, 'the mailed erasure');
      const { mail } = await flow.detail(erasing);
      expect((await flow.api.admin(`/requests/${erasing}/mail/${mail.mailId}/attachments/1`)).status).toBe(200);
      await flow.confirmIdentity(erasing, bram.email);
      await flow.waitFor(erasing, (request) => request.pendingStep === 'triage', 'the mailed erasure pending triage');
      expect((await flow.api.admin(`/requests/${erasing}/triage`, 'POST', { types: ['erasure'] })).status).toBe(200);
      await flow.waitFor(erasing, (request) => request.pendingStep === 'review', 'the mailed erasure pending review');
      expect((await flow.api.admin(`/requests/${erasing}/approve`, 'POST')).status).toBe(200);
      expect((await flow.waitForStatus(erasing, 'completed')).audit.map((event: any) => event.type)).toContain('received_mail_erased');

      await smtp.sendMail({ from: 'held@example.org', to: DEFAULT_PRIVACY_ADDRESS, subject: 'iam: held', text: 'x', attachments: [{ filename: 'big.bin', content: Buffer.alloc(11 * 1024 * 1024) }] });
      smtp.close();
      const held = await eventually(async () => {
        const items = (await flow.api.admin('/requests?status=open&pendingStep=triage&limit=100')).body.items as any[];
        return items.find((item) => item.channel === 'email')?.requestId as string | undefined;
      }, 'the held mail');
      expect((await flow.api.admin(`/requests/${held}/dismiss`, 'POST', { reason: 'iam: too large' })).status).toBe(200);

      const letter = await flow.api.admin('/requests', 'POST', { types: ['portability'], email: 'letter@example.org', channel: 'letter', receivedAt: '2026-01-05T10:00:00+01:00' });
      expect(letter.status).toBe(201);
      await flow.waitFor(letter.body.requestId, (request) => request.pendingStep === 'verify_identity', 'the letter acknowledged');
      // Closed again (dismissed at its identity step), so no execution is left waiting.
      expect((await flow.api.admin(`/requests/${letter.body.requestId}/dismiss`, 'POST', { reason: 'iam: test letter' })).status).toBe(200);
      await flow.waitForStatus(letter.body.requestId, 'dismissed');
    }, FLOW_TIMEOUT);

    it('the daily retention purge, over a closed request made old', async () => {
      await quiet();
      // The one shortcut: a rejected request's closure moved past retention (the test's own
      // write, not recorded), so the purge has a whole partition to delete.
      expect(rejected).toBeDefined();
      const purge = functionOf('functions/retention/index.ts');
      const years = Number((runtime.template.Resources[purge]!.Properties as any).Environment.Variables.RECORD_RETENTION_YEARS);
      const closedAt = new Date(Date.now() - (years + 1) * 366 * 86_400_000).toISOString();
      await documentClient().send(
        new UpdateCommand({
          TableName: target.resources.requestsTable,
          Key: { pk: requestKeys.pk(rejected), sk: requestKeys.meta },
          UpdateExpression: 'SET closedPk = :pk, closedSk = :sk',
          ExpressionAttributeValues: { ':pk': closedIndex.partition, ':sk': closedIndex.sort(closedAt, rejected) },
        }),
      );
      const result = (await runtime.invokeFunction(purge, {})) as { requestsPurged: number };
      expect(result.requestsPurged).toBe(1);
    }, FLOW_TIMEOUT);
  });

  describe('what the handlers called', () => {
    const policies = new Map<string, RolePolicy>();
    const policyOf = (logicalId: string) => {
      if (!policies.has(logicalId)) policies.set(logicalId, functionRolePolicy(runtime.template, (value) => runtime.resolve(value), logicalId));
      return policies.get(logicalId)!;
    };
    const evaluated = () =>
      recorder.calls.flatMap((call) => call.checks.map((check) => ({ call, check, decision: evaluate(policyOf(call.functionLogicalId).statements, check) })));

    it('has an IAM mapping for every operation called', async () => {
      await quiet();
      expect([...recorder.unmapped]).toEqual([]);
    }, FLOW_TIMEOUT);

    it('saw calls from every function that makes AWS calls, and of every service', () => {
      const silent = [...entries()].filter(([logicalId, entry]) => !NO_AWS_CALLS[entry] && !recorder.calls.some((call) => call.functionLogicalId === logicalId));
      expect(silent.map(([logicalId, entry]) => `${logicalId} (${entry})`)).toEqual([]);
      for (const service of ['dynamodb', 's3', 'ses', 'states'] as const) expect(recorder.calls.some((call) => call.service === service), service).toBe(true);
      // The calls this test exists for: the download's presigned GET and audit event, the
      // callbacks' task tokens, the intake's starts, a multipart upload, batch deletes.
      const seen = (pattern: RegExp, filter: (call: RecordedCall) => boolean = () => true) =>
        recorder.calls.some((call) => filter(call) && call.checks.some((check) => pattern.test(check.action)));
      const downloads = functionOf('functions/downloads/index.ts');
      expect(seen(/^s3:GetObject$/, (call) => call.presigned && call.functionLogicalId === downloads)).toBe(true);
      expect(seen(/^dynamodb:PutItem$/, (call) => call.functionLogicalId === downloads)).toBe(true);
      // The intake's only delete, whose grant is limited to PERSON# partitions.
      const intake = functionOf('functions/intake/index.ts');
      const deletes = recorder.calls.filter((call) => call.functionLogicalId === intake && call.operation === 'DeleteItem');
      expect(deletes.flatMap((call) => call.checks.flatMap((check) => check.context?.['dynamodb:LeadingKeys'] ?? []))).toEqual([expect.stringMatching(/^PERSON#/)]);
      for (const action of [/^states:SendTaskSuccess$/, /^states:StartExecution$/, /^states:StopExecution$/, /^dynamodb:BatchWriteItem$/, /^s3:DeleteObject$/, /^ses:SendEmail$/]) {
        expect(seen(action), String(action)).toBe(true);
      }
      expect(recorder.calls.some((call) => call.operation === 'CompleteMultipartUpload' || call.operation === 'PutObject')).toBe(true);
      // The privacy mailbox's attachments: written by the mail intake, presigned for the team
      // by the admin API, deleted with the mail after an erasure.
      const inMailbox = (call: RecordedCall, entry: string, prefix: string) =>
        call.functionLogicalId === functionOf(entry) && call.checks.some((check) => check.resources.some((resource) => new RegExp(`:::[^/]*inboundmail[^/]*/${prefix}`, 'i').test(resource)));
      expect(seen(/^s3:PutObject$/, (call) => inMailbox(call, 'functions/mail-intake/index.ts', 'inbound/attachments/'))).toBe(true);
      expect(seen(/^s3:GetObject$/, (call) => call.presigned && inMailbox(call, 'functions/admin/index.ts', 'inbound/attachments/'))).toBe(true);
      expect(seen(/^s3:DeleteObject$/, (call) => inMailbox(call, 'functions/workflow/erase-packages/index.ts', 'inbound/attachments/'))).toBe(true);
      expect(seen(/^s3:DeleteObject$/, (call) => inMailbox(call, 'functions/workflow/erase-packages/index.ts', 'inbound/[a-z0-9]+$'))).toBe(true);

      const counts: Record<string, { calls: number; checks: number; operations: Record<string, number> }> = {};
      for (const call of recorder.calls) {
        const service = (counts[call.service] ??= { calls: 0, checks: 0, operations: {} });
        service.calls += 1;
        service.checks += call.checks.length;
        const operation = call.presigned ? `${call.operation} (presigned)` : call.operation;
        service.operations[operation] = (service.operations[operation] ?? 0) + 1;
      }
      const summary = Object.entries(counts).map(
        ([service, { calls, checks, operations }]) => `${service}: ${calls} calls, ${checks} authorizations (${Object.entries(operations).map(([op, n]) => `${op} ${n}`).join(', ')})`,
      );
      console.info(`Recorded AWS calls by service:\n${summary.join('\n')}\n${recorder.outside} calls outside any handler (the test's own, not checked)`);
    });

    it('allows every recorded call by the calling function’s role', () => {
      const denied = evaluated().filter(({ decision }) => !decision.allowed);
      // One row per function and action, with the first resource (and context) as an example.
      const rows = new Map<string, { example: string; count: number }>();
      for (const { call, check, decision } of denied) {
        const key = `${call.functionLogicalId} | ${check.action}${check.derived ? ' (derived)' : ''}${decision.deniedBy ? ' (explicit deny)' : ''}`;
        const context = Object.entries(check.context ?? {}).map(([name, values]) => ` [${name}=${values.join('|')}]`);
        const row = rows.get(key) ?? { example: `${check.resources.join(' or ')}${context.join('')}`, count: 0 };
        row.count += 1;
        rows.set(key, row);
      }
      const table = [...rows].map(([key, { example, count }]) => `${key} | ${example} | ${count}`).join('\n');
      if (table) console.error(`Calls the role does not allow (function | action | resource, e.g. | calls):\n${table}`);
      expect(table, 'function | action | resource, e.g. | calls').toBe('');
      for (const [logicalId, policy] of policies) expect(policy.unknownManagedPolicies, logicalId).toEqual([]);
    });

    it('would deny them to a role without the grants: the check is not vacuous', () => {
      // A role with no data grants (the OpenAPI function's) is refused every recorded call.
      const openApi = functionOf('functions/openapi/index.ts');
      const bare = policyOf(openApi).statements;
      expect(recorder.calls.flatMap((call) => call.checks).filter((check) => evaluate(bare, check).allowed)).toEqual([]);
      // The download Lambda's role as it was before its audit put was granted: that put is denied.
      const downloads = functionOf('functions/downloads/index.ts');
      const withoutPut = policyOf(downloads).statements.map((statement) => ({
        ...statement,
        Action: [statement.Action ?? []].flat().filter((action) => action !== 'dynamodb:PutItem'),
      }));
      const denied = recorder.calls
        .filter((call) => call.functionLogicalId === downloads)
        .flatMap((call) => call.checks)
        .filter((check) => !evaluate(withoutPut, check).allowed);
      expect(denied.map((check) => check.action)).toContain('dynamodb:PutItem');
      expect(new Set(denied.map((check) => check.action))).toEqual(new Set(['dynamodb:PutItem']));
    });

    it('lists the grants no recorded call used (a hint for narrowing; not asserted)', () => {
      const used = new Map<Statement, RecordedCheck[]>();
      for (const { check, decision } of evaluated()) {
        for (const statement of decision.allowedBy) used.set(statement, [...(used.get(statement) ?? []), { ...check, resources: [decision.resource!] }]);
      }
      // Only these services' calls are recorded; KMS only as S3 uses it for SSE-KMS objects.
      const observed = (action: string) => /^(dynamodb|s3|ses|states|kms):/i.test(action);
      const lines: string[] = [];
      for (const logicalId of entries().keys()) {
        for (const statement of policyOf(logicalId).statements) {
          if (statement.Effect !== 'Allow') continue;
          const checks = used.get(statement) ?? [];
          const actions = [statement.Action ?? []].flat().filter(observed);
          const resources = [statement.Resource ?? []].flat();
          const unusedActions = actions.filter((action) => !checks.some((check) => wildcardMatch(action, check.action, true)));
          const unusedResources = resources.filter((resource) => !checks.some((check) => wildcardMatch(resource, check.resources[0]!)));
          if (actions.length === 0 || (unusedActions.length === 0 && unusedResources.length === 0)) continue;
          const what = unusedActions.length === actions.length ? 'never used' : `unused: ${unusedActions.join(', ') || '-'}`;
          const where = unusedActions.length === actions.length ? resources.join(', ') : `resources unused: ${unusedResources.join(', ') || '-'}`;
          lines.push(`${logicalId} | ${actions.join(', ')} | ${what} | ${where}`);
        }
      }
      console.info(
        `Granted but not used in these flows (function | statement's actions | unused | where); logs, X-Ray and Secrets Manager are not observable locally:\n${lines.join('\n')}`,
      );
    });
  });
});
