import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { computeDeadlines } from '../../../functions/core/deadlines/index.js';
import { openApiDocument } from '../../../functions/core/intake/openapi.js';
import { personKey } from '../../../functions/intake/person.js';
import { documentClient, sfnClient } from '../../../functions/shared/aws-clients.js';
import { invokingFunction } from '../../../lib/local-runtime/index.js';
import { DEMO_USERS } from '../../../lib/demo/index.js';
import { journeyOn } from '../../workflow/journey.js';
import { eventually, onLocalStack } from '../../workflow/target.js';
import { captureLogsOfFile } from '../shared/capture-logs.js';
import {
  CURRENT_SECRET,
  executions,
  nowSeconds,
  post,
  PREVIOUS_SECRET,
  signed,
  startRotatingTarget,
  tableItems,
} from './helpers.js';

// Every log line the handlers can write is written, so the last test sees them all.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

const ada = DEMO_USERS[0]!;
const logs = captureLogsOfFile();
const session = journeyOn(startRotatingTarget);

const requestsOf = async (email: string) => (await tableItems(session.target, 'META')).filter((item) => item.contactEmail === email);

describe('webhook signature', () => {
  it('accepts the current and the previous secret while a rotation is under way', async () => {
    for (const [secret, email] of [[CURRENT_SECRET, 'rotate-new@example.org'], [PREVIOUS_SECRET, 'rotate-old@example.org']]) {
      const raw = JSON.stringify({ type: 'access', email });
      expect((await post(session.target, raw, signed(raw, secret))).status).toBe(202);
    }
  });

  it('refuses a wrong secret, an expired timestamp and a late replay, and stores nothing', async () => {
    const raw = JSON.stringify({ type: 'access', email: 'refused@example.org' });
    // Requests of earlier tests are still running their workflows and writing items, so
    // count requests (META items), not every item.
    const before = { requests: (await tableItems(session.target, 'META')).length, runs: executions(session.target).workflow.length };
    const cases: [Record<string, string>, string][] = [
      [signed(raw, 'not-a-secret'), 'invalid_signature'],
      // Well outside the 5-minute window: the handler reads its clock up to a second or two
      // after signing, so +301 s could land on the boundary (test/functions/core/intake/signature.test.ts
      // checks the exact boundary with a fixed clock).
      [signed(raw, CURRENT_SECRET, nowSeconds() - 330), 'signature_expired'],
      [signed(raw, CURRENT_SECRET, nowSeconds() + 330), 'signature_expired'],
      // A delivery captured an hour ago and sent again: its signature was valid once.
      [signed(raw, PREVIOUS_SECRET, nowSeconds() - 3600), 'signature_expired'],
    ];
    for (const [headers, code] of cases) {
      const response = await post(session.target, raw, headers);
      expect([response.status, response.body.error.code]).toEqual([401, code]);
    }
    expect((await tableItems(session.target, 'META')).length).toBe(before.requests);
    expect(await requestsOf('refused@example.org')).toEqual([]);
    expect(executions(session.target).workflow.length).toBe(before.runs);
  });

  it('answers a replay within the window with the first answer and starts nothing new', async () => {
    const raw = JSON.stringify({ type: 'erasure', email: 'replayed@example.org' });
    const headers = signed(raw);
    const first = await post(session.target, raw, headers);
    const again = await post(session.target, raw, headers);
    expect(first.status).toBe(202);
    expect(again).toMatchObject({ status: 202, body: first.body });
    expect(executions(session.target).workflow.filter((e) => e.name === first.body.requestId)).toHaveLength(1);
    expect(await requestsOf('replayed@example.org')).toHaveLength(1);
  });
});

// Embedded only: the call count needs the handlers in this process, and the second test moves a request's creation back.
describe.skipIf(onLocalStack)('a new request', () => {
  it('costs the intake three AWS calls: the person item, the request, the workflow start (which records the receipt)', async () => {
    const calls: string[] = [];
    const count = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      if (invokingFunction()?.logicalId.includes('Intake')) calls.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    };
    const clients: { middlewareStack: any }[] = [documentClient(), sfnClient()];
    for (const sdk of clients) sdk.middlewareStack.add(count, { step: 'initialize', name: 'intakeCalls' });
    try {
      const raw = JSON.stringify({ type: 'access', email: 'three-calls@example.org' });
      const response = await post(session.target, raw, signed(raw));
      expect(response.status).toBe(202);
      expect(calls).toEqual(['UpdateItem', 'PutItem', 'StartExecution']);
      // The workflow's first step records the receipt, once, with the channel's facts.
      const audit = await eventually(async () => {
        const events = (await session.flow.detail(response.body.requestId)).audit.filter((e: any) => e.type === 'received');
        return events.length > 0 ? events : undefined;
      }, 'the received event');
      expect(audit).toEqual([
        expect.objectContaining({ actor: 'channel:web_form', details: expect.objectContaining({ types: ['access'], forwarded: false, dashboardSession: false }) }),
      ]);
    } finally {
      for (const sdk of clients) sdk.middlewareStack.remove('intakeCalls');
    }
  });

  it('is a new request when a body delivered more than a day ago comes again', async () => {
    const raw = JSON.stringify({ type: 'access', email: 'next-month@example.org' });
    const first = await post(session.target, raw, signed(raw));
    expect(first.status).toBe(202);
    // As if filed 25 hours ago: the delivery key names that request no longer.
    await documentClient().send(
      new UpdateCommand({
        TableName: session.target.resources.requestsTable,
        Key: { pk: `REQ#${first.body.requestId}`, sk: 'META' },
        UpdateExpression: 'SET createdAt = :then',
        ExpressionAttributeValues: { ':then': new Date(Date.now() - 25 * 3_600_000).toISOString() },
      }),
    );
    const again = await post(session.target, raw, signed(raw));
    expect(again.status).toBe(202);
    expect(again.body.requestId).not.toBe(first.body.requestId);
    expect((await requestsOf('next-month@example.org')).map((item) => item.requestId).sort()).toEqual(
      [first.body.requestId, again.body.requestId].sort(),
    );
    // And its retries get its answer.
    expect(await post(session.target, raw, signed(raw))).toMatchObject({ status: 202, body: again.body });
  });
});

describe('an Idempotency-Key reused with another body', () => {
  it('is refused with 422 idempotency_key_reused; the second request is neither stored nor run', async () => {
    const first = JSON.stringify({ type: 'access', email: 'key-owner@example.org' });
    const other = JSON.stringify({ type: 'erasure', email: 'key-reuser@example.org' });
    const headers = (raw: string) => signed(raw, CURRENT_SECRET, nowSeconds(), { 'idempotency-key': 'form-reused-1' });
    const accepted = await post(session.target, first, headers(first));
    expect(accepted.status).toBe(202);
    const runsBefore = executions(session.target).workflow.length;

    const reused = await post(session.target, other, headers(other));
    expect([reused.status, reused.body.error?.code]).toEqual([422, 'idempotency_key_reused']);
    expect(await requestsOf('key-reuser@example.org')).toEqual([]);
    // Nothing of the second person either: no per-address count, no claim of a right.
    const person = `PERSON#${personKey('key-reuser@example.org')}`;
    expect((await tableItems(session.target)).filter((item) => item.pk === person)).toEqual([]);
    expect(executions(session.target).workflow.length).toBe(runsBefore);
    // The first delivery, sent again, still gets its own answer.
    expect(await post(session.target, first, headers(first))).toMatchObject({ status: 202, body: accepted.body });
  });

  it('takes back only what the refused delivery claimed when the same person reuses the key', async () => {
    const email = 'key-same-person@example.org';
    const first = JSON.stringify({ type: 'access', email });
    const other = JSON.stringify({ types: ['access', 'erasure'], email });
    const headers = (raw: string) => signed(raw, CURRENT_SECRET, nowSeconds(), { 'idempotency-key': 'form-reused-2' });
    const accepted = await post(session.target, first, headers(first));
    expect((await post(session.target, other, headers(other))).status).toBe(422);
    // The first request still holds access: a repeat under a new key is its duplicate ...
    const repeat = await session.flow.api.submit({ type: 'access', email, details: 'again' });
    expect(await session.flow.detail(repeat.body.requestId)).toMatchObject({ status: 'duplicate', duplicateOf: accepted.body.requestId });
    // ... and nobody holds erasure: the refused delivery's claim was taken back.
    const erasure = await session.flow.api.submit({ type: 'erasure', email });
    expect(await session.flow.detail(erasure.body.requestId)).toMatchObject({ status: 'awaiting_identity', duplicateOf: null });
  });
});

describe('fifty concurrent identical deliveries', () => {
  it('make one request, one execution of each machine, and fifty identical answers', async () => {
    const raw = JSON.stringify({ type: 'access', email: 'fifty@example.org', details: 'sent fifty times at once' });
    const headers = signed(raw, CURRENT_SECRET, nowSeconds(), { 'idempotency-key': 'form-submit-50' });
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(session.target, raw, headers)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([202]));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const { requestId } = answers[0]!.body;
    expect((await requestsOf('fifty@example.org')).map((item) => item.requestId)).toEqual([requestId]);
    expect(executions(session.target).workflow.filter((e) => e.name === requestId)).toHaveLength(1);
    // The workflow's first step starts the deadline watch.
    await eventually(async () => executions(session.target).watch.some((e) => e.name === requestId) || undefined, 'the deadline watch');
    expect(executions(session.target).watch.filter((e) => e.name === requestId)).toHaveLength(1);
    const audit = (await session.flow.detail(requestId)).audit;
    expect(audit.filter((e: any) => e.type === 'received')).toHaveLength(1);
  });
});

describe('a request support forwards', () => {
  it('counts its deadlines from the original receipt', async () => {
    const receivedAt = new Date(Date.now() - 10 * 86_400_000).toISOString().replace('Z', '+02:00');
    const expected = computeDeadlines(receivedAt);
    const response = await session.flow.api.submit({ type: 'access', email: 'forwarded@example.org', channel: 'support_desk', receivedAt });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ receivedAt: expected.receivedAt, receiptDate: expected.receiptDate, deadline: expected.initial.legal });
  });
});

describe('duplicates', () => {
  const email = 'twice@example.org';

  it('links a repeat of an open request to it; only the open one runs and acknowledges', async () => {
    const first = await session.flow.submit({ type: 'access', email });
    await session.flow.identityLink(first, email);
    const repeat = await session.flow.api.submit({ types: ['access'], email, details: 'Did my first request arrive?' });
    expect(repeat.status).toBe(202);
    expect(Object.keys(repeat.body).sort()).toEqual(['deadline', 'receiptDate', 'receivedAt', 'requestId']);
    const second = repeat.body.requestId;
    expect(second).not.toBe(first);

    const duplicate = await session.flow.detail(second);
    expect(duplicate).toMatchObject({ status: 'duplicate', open: false, duplicateOf: first });
    expect(duplicate.audit).toContainEqual(expect.objectContaining({ type: 'duplicate_of', details: { requestId: first } }));
    expect((await session.flow.detail(first)).audit).toContainEqual(
      expect.objectContaining({ type: 'duplicate_received', details: { requestId: second } }),
    );
    const queue = await session.flow.api.admin('/requests?status=closed&limit=200');
    expect(queue.body.items.find((item: any) => item.requestId === second)).toMatchObject({ duplicateOf: first });
    expect(executions(session.target).workflow.filter((e) => e.name === second)).toHaveLength(0);
    expect((await session.target.mail()).filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('asks for the open request’s confirmation when the repeat’s link is resent', async () => {
    const duplicate = (await requestsOf(email)).find((item) => item.duplicateOf)!;
    const resent = await session.flow.api.call(`/v1/requests/${duplicate.requestId}/resend-verification`, { method: 'POST' });
    expect(resent.status).toBe(202);
    const mails = await eventually(async () => {
      const found = (await session.target.mail()).filter((m) => m.to.includes(email));
      return found.length === 2 ? found : undefined;
    }, 'the resent link');
    expect(mails[1]!.subject).toContain(duplicate.duplicateOf);
  });

  it('is no duplicate when it asks for another right, or once the first has closed', async () => {
    const erasure = await session.flow.submit({ type: 'erasure', email });
    expect((await session.flow.detail(erasure)).status).not.toBe('duplicate');

    const [open] = (await requestsOf(email)).filter((item) => item.types.includes('access') && !item.duplicateOf);
    await session.flow.confirmIdentity(open!.requestId, email);
    await session.flow.waitForStatus(open!.requestId, 'completed_no_data');
    // Another body: the same one within 24 hours would be the first delivery again.
    const later = await session.flow.submit({ type: 'access', email, details: 'asking again' });
    expect(await session.flow.detail(later)).toMatchObject({ status: 'awaiting_identity', duplicateOf: null });
  });
});

describe('dashboard filings', () => {
  it('need no email check when the signed-in account files for its own address', async () => {
    const requestId = await session.flow.submit({ type: 'access', email: ada.email, accountId: ada.accountId });
    const request = await session.flow.waitFor(requestId, (r) => r.pendingStep === 'review', 'review without a link');
    expect(request).toMatchObject({ channel: 'dashboard', reviewNote: null, subjectFound: true });
    expect(request.audit).toContainEqual(expect.objectContaining({ type: 'identity_verified', details: { method: 'dashboard_session' } }));
    const [ack] = (await session.flow.mailsFor(requestId)).filter((m) => m.to.includes(ada.email));
    expect(ack!.text).not.toMatch(/\/v1\/verify\//);
  });

  it('leave it to the privacy team when the reply address differs from the account’s', async () => {
    const requestId = await session.flow.submit({ type: 'access', email: 'ada.private@example.org', accountId: ada.accountId });
    const request = await session.flow.waitFor(requestId, (r) => r.pendingStep === 'review', 'review');
    expect(request).toMatchObject({ reviewNote: 'requester_email_differs_from_account', subjectFound: true });
    expect(request.pendingSteps).toContainEqual(expect.objectContaining({ step: 'review', status: 'pending' }));
    const teamMail = await eventually(
      async () => (await session.flow.mailsFor(requestId)).find((m) => /Review needed/.test(m.subject)),
      'the review email',
    );
    expect(teamMail.text).toMatch(/differs from the account/);
  });
});

describe('per-address soft limit', () => {
  it('answers 429 after ten new requests for one address in an hour; retries still get their answer', async () => {
    const email = 'flood@example.org';
    const raw = (i: number) => JSON.stringify({ type: 'objection', email, details: `flood ${i}` });
    const send = (i: number) => post(session.target, raw(i), signed(raw(i), CURRENT_SECRET, nowSeconds(), { 'idempotency-key': `flood-${i}` }));
    const accepted = [];
    for (let i = 0; i < 10; i++) accepted.push(await send(i));
    expect(accepted.map((a) => a.status)).toEqual(Array(10).fill(202));
    const limited = await send(10);
    expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await send(0)).toMatchObject({ status: 202, body: accepted[0]!.body });
    expect(await requestsOf(email)).toHaveLength(10);
  });
});

describe('what the API tells', () => {
  it('answers alike for an address with a Kiara account and one without', async () => {
    const withAccount = await session.flow.api.submit({ type: 'portability', email: ada.email });
    const without = await session.flow.api.submit({ type: 'portability', email: 'no-account@example.org' });
    expect([withAccount.status, without.status]).toEqual([202, 202]);
    expect(Object.keys(withAccount.body)).toEqual(Object.keys(without.body));
    expect(withAccount.headers.get('content-type')).toBe(without.headers.get('content-type'));
  });

  it('serves its OpenAPI document', async () => {
    const response = await session.flow.api.call('/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(openApiDocument());
  });

  it('logged no email address, in any handler, during all of the above', () => {
    expect(logs.lines.some((line) => line.includes('request accepted'))).toBe(true);
    expect(logs.withEmail()).toEqual([]);
  });
});
