import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESEND_ANSWER } from '../../functions/identity/resend.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { invokingFunction } from '../../lib/local-runtime/index.js';
import { journey } from './journey.js';
import { client, onLocalStack, startEmbedded, type DsrTarget } from './target.js';

/**
 * What a black-box probe of the public and admin routes found, each through the HTTP
 * surface of the whole system on the local runtime. Which DynamoDB calls a route made is
 * read from a middleware on the handlers' own client (they run in this process), a spy
 * on real calls as in audit-append-only.test.ts; nothing is mocked.
 */

let target: DsrTarget;
let flow: ReturnType<typeof journey>;
const dynamoCalls: { fn: string; command: string }[] = [];
const SPY = 'httpHardeningSpy';

beforeAll(async () => {
  target = await startEmbedded({ seed: false });
  flow = journey(target);
  type Next = (args: unknown) => Promise<unknown>;
  const spy = (next: Next, context: { commandName?: string }) => async (args: unknown) => {
    const caller = invokingFunction();
    if (caller) dynamoCalls.push({ fn: caller.logicalId, command: context.commandName ?? '?' });
    return next(args);
  };
  documentClient().middlewareStack.add(spy as never, { step: 'initialize', name: SPY });
});
afterAll(async () => {
  documentClient().middlewareStack.remove(SPY);
  await target?.stop();
});

const api = () => client(target);

/** The route's answer and the DynamoDB calls the handlers made while answering. */
async function withDynamoCalls<T>(call: () => Promise<T>) {
  const before = dynamoCalls.length;
  const answer = await call();
  return { answer, calls: dynamoCalls.slice(before).map((c) => `${c.fn} ${c.command}`) };
}

const LONG = 'x'.repeat(3000);
const BAD_IDS = [LONG, `dsr_${'a'.repeat(3000)}`, 'not-a-request', 'dsr_UPPER', "dsr_a'--", '%F0%9F%92%A5'];
const BAD_TOKENS = [LONG, 'short', 'a'.repeat(44), `${'a'.repeat(42)}!`, '..%2F..%2Fadmin'];

// Embedded only: the spy sees the handlers' calls because they run in this process; it
// runs first, on an empty system, so no workflow is making calls meanwhile.
describe.skipIf(onLocalStack)('malformed ids and tokens are answered without touching DynamoDB', () => {
  it('the spy sees a lookup of a well-formed unknown id (so silence below means none was made)', async () => {
    const { answer, calls } = await withDynamoCalls(() => api().admin('/requests/dsr_0000000000000000000000000000'));
    expect(answer.status).toBe(404);
    expect(calls.length).toBeGreaterThan(0);
  });

  it('admin: 404 request_not_found for a request id no request can have, read or decision', async () => {
    for (const id of BAD_IDS) {
      for (const [path, method, body] of [[`/requests/${id}`, 'GET'], [`/requests/${id}/approve`, 'POST', {}]] as const) {
        const { answer, calls } = await withDynamoCalls(() => api().admin(path, method, body));
        expect([answer.status, answer.body?.error?.code], `${method} ${path.slice(0, 40)}`).toEqual([404, 'request_not_found']);
        expect(calls, path.slice(0, 40)).toEqual([]);
      }
    }
  });

  it('admin: 404 unknown_action for an action no route has the shape of', async () => {
    for (const action of [LONG, 'Approve!', '..%2Fcancel']) {
      const { answer, calls } = await withDynamoCalls(() => api().admin(`/requests/dsr_0000000000000000000000000000/${action}`, 'POST', {}));
      expect([answer.status, answer.body?.error?.code], action.slice(0, 40)).toEqual([404, 'unknown_action']);
      expect(calls, action.slice(0, 40)).toEqual([]);
    }
  });

  it('identity link (GET and POST) and download link: 404 page for a token no link can have', async () => {
    for (const token of BAD_TOKENS) {
      for (const [path, method] of [[`/v1/verify/${token}`, 'GET'], [`/v1/verify/${token}`, 'POST'], [`/v1/downloads/${token}`, 'GET']]) {
        const { answer, calls } = await withDynamoCalls(() => api().call(path!, { method }));
        expect(answer.status, `${method} ${path!.slice(0, 40)}`).toBe(404);
        expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
        expect(answer.body).toContain('This link is not valid');
        expect(calls, path!.slice(0, 40)).toEqual([]);
      }
    }
  });

  it('resend: the same 202 answer as for any id, and no lookup', async () => {
    for (const id of BAD_IDS) {
      const { answer, calls } = await withDynamoCalls(() => api().call(`/v1/requests/${id}/resend-verification`, { method: 'POST' }));
      expect([answer.status, answer.body]).toEqual([202, RESEND_ANSWER]);
      expect(calls).toEqual([]);
    }
  });
});

describe.skipIf(onLocalStack)('admin queue cursor', () => {
  const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('answers 400 invalid_cursor, not 500, for a cursor it never returned', async () => {
    for (const cursor of ['%%%', 'not-base64!', base64([1, 2, 3]), base64({}), base64('text'), base64({ pk: 1, sk: 2, listPk: 3, listSk: 4 })]) {
      const answer = await api().admin(`/requests?cursor=${encodeURIComponent(cursor)}`);
      expect([answer.status, answer.body?.error?.code], cursor).toEqual([400, 'invalid_cursor']);
    }
  });

  it('pages on with the cursor it returned, and refuses it for the other status', async () => {
    for (const email of ['page-one@example.org', 'page-two@example.org']) await flow.submit({ type: 'access', email });
    const first = await api().admin('/requests?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const cursor = encodeURIComponent(first.body.cursor);
    const second = await api().admin(`/requests?limit=1&cursor=${cursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].requestId).not.toBe(first.body.items[0].requestId);
    const closed = await api().admin(`/requests?status=closed&cursor=${cursor}`);
    expect([closed.status, closed.body?.error?.code]).toEqual([400, 'invalid_cursor']);
  });
});

describe.skipIf(onLocalStack)('pages cannot be framed', () => {
  const framingHeaders = (headers: Headers) => ({
    frameAncestors: /(^|;)\s*frame-ancestors 'none'\s*(;|$)/.test(headers.get('content-security-policy') ?? ''),
    xFrameOptions: headers.get('x-frame-options'),
  });
  const NOT_FRAMEABLE = { frameAncestors: true, xFrameOptions: 'DENY' };

  it('every HTML page: the identity page and its results, the download page, the console', async () => {
    const email = 'framed@example.org';
    const requestId = await flow.submit({ type: 'access', email });
    const link = (await flow.identityLink(requestId, email)).slice(target.apiUrl.length);
    const pages = {
      identity: await api().call(link),
      identityUnknown: await api().call(`/v1/verify/${'A'.repeat(43)}`),
      identityConfirmed: await api().call(link, { method: 'POST' }),
      download: await api().call(`/v1/downloads/${'A'.repeat(43)}`),
      console: await api().call('/console/'),
    };
    for (const [name, page] of Object.entries(pages)) {
      expect(page.headers.get('content-type'), name).toMatch(/^text\/html/);
      expect(framingHeaders(page.headers), name).toEqual(NOT_FRAMEABLE);
    }
    expect(pages.identityConfirmed.status).toBe(200);
  });
});

describe.skipIf(onLocalStack)('identity page POST checks Origin when a browser sends one', () => {
  it('403 origin_mismatch from another origin (or "null"), nothing confirmed; the own origin confirms', async () => {
    const email = 'cross-site@example.org';
    const requestId = await flow.submit({ type: 'access', email });
    const link = (await flow.identityLink(requestId, email)).slice(target.apiUrl.length);
    for (const origin of ['https://evil.example', 'null', `${target.apiUrl}.evil.example`]) {
      const answer = await api().call(link, { method: 'POST', headers: { origin } });
      expect([answer.status, answer.body?.error?.code], origin).toEqual([403, 'origin_mismatch']);
    }
    const request = await flow.detail(requestId);
    expect(request).toMatchObject({ status: 'awaiting_identity', pendingStep: 'verify_identity' });
    expect(request.audit.map((event: { type: string }) => event.type)).not.toContain('identity_verified');

    const own = await api().call(link, { method: 'POST', headers: { origin: new URL(target.apiUrl).origin } });
    expect(own.status).toBe(200);
    await flow.waitFor(requestId, (r) => r.pendingStep !== 'verify_identity', 'identity confirmed');
  });
});

describe.skipIf(onLocalStack)('intake addresses', () => {
  it('trims and lower-cases an address with surrounding spaces instead of refusing it', async () => {
    const requestId = await flow.submit({ type: 'access', email: '  Spaced.Out@Example.org \t' });
    expect((await flow.detail(requestId)).contactEmail).toBe('spaced.out@example.org');
    await flow.identityLink(requestId, 'spaced.out@example.org');
  });
});
