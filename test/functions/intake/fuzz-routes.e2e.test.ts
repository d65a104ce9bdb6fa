import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RIGHTS } from '../../../functions/core/inventory/types.js';
import { DEMO_USERS } from '../../../lib/demo/index.js';
import { journey } from '../../workflow/journey.js';
import { startTarget, type DsrTarget } from '../../workflow/target.js';
import { executions, tableItems } from './helpers.js';

/**
 * Property test of every public and admin route but the intake (fuzz.e2e.test.ts):
 * the identity pages, the download route and each admin route with made-up ids, tokens,
 * actions, bodies, cursors and filters. One real request waits at the review, so that
 * bodies reach the schemas of its actions; none of the inputs may change anything.
 * With the intake's 6,350 deliveries and the mailbox's 150 messages, 10,000 inputs; about 60 s on two cores (each input
 * is a DynamoDB lookup or two). FUZZ_ROUTE_RUNS raises it for a longer hunt.
 */
const RUNS = Number(process.env.FUZZ_ROUTE_RUNS ?? 3500);
const [ada] = DEMO_USERS as [typeof DEMO_USERS[0]];

let target: DsrTarget;
let flow: ReturnType<typeof journey>;
let liveId: string;
beforeAll(async () => {
  target = await startTarget();
  flow = journey(target);
  // Filed from the signed-in dashboard: no identity link, straight to the review.
  liveId = await flow.submit({ type: 'access', email: ada.email, accountId: ada.accountId, channel: 'dashboard' });
  // Its last write: the review notice's email_sent event; from then on nothing may change.
  await flow.waitFor(
    liveId,
    (request) => request.audit.some((event: any) => event.type === 'email_sent' && event.details?.kind === 'review_needed'),
    'the review notice recorded',
  );
});
afterAll(async () => target?.stop());

const text = (maxLength: number) => fc.string({ unit: 'grapheme-ascii', maxLength });
const anyText = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const segment = fc.oneof(text(80), anyText(40), fc.constantFrom('..', '%2e%2e', '%00', '%', '%ZZ', ' ', 'dsr_', 'DSR_ABC', 'x'.repeat(3000)));
/** Shaped like a link token (43 base64url characters) or an id (`dsr_` + hex), but issued to nobody. */
const tokenShaped = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
const idShaped = fc.stringMatching(/^dsr_[0-9a-f]{32}$/);
// Never empty: `/admin/requests/` is the queue itself.
const pathPart = fc.oneof(segment.map(encodeURIComponent).filter((part) => part !== ''), tokenShaped, idShaped);

/** JSON bodies no admin schema accepts: every schema is strict, so an unknown field refuses the body. */
const refusedBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value, fuzz: 1 } : [value])),
  text(60).map((t) => `{"outcome":${JSON.stringify(t)}`),
  fc.constantFrom('{', '[', 'nul', '{"rights":', '\u0000', '{"outcome":"x"}}'),
  fc.record({
    outcome: fc.oneof(fc.constant(''), fc.constant('x'.repeat(5001)), fc.integer(), fc.constant(null)),
    reason: fc.oneof(fc.constant(''), fc.constant('x'.repeat(5001)), fc.boolean()),
    reasonCode: text(20),
    types: fc.oneof(fc.constant([]), fc.array(text(12), { minLength: 1, maxLength: 3 }), fc.constant(RIGHTS.concat(RIGHTS))),
    rights: fc.dictionary(text(12), fc.anything(), { maxKeys: 3 }),
  }, { requiredKeys: [] }).map((body) => JSON.stringify({ ...body, fuzz: true })),
);

/** Actions that read a body: only these may meet the live request (the others act without one). */
const BODY_ACTIONS = ['approve', 'decide', 'reject', 'extend', 'retry', 'triage', 'dismiss', 'preview-rejection', 'contact', 'close'];
const ALL_ACTIONS = [...BODY_ACTIONS, 'cancel', 'send-notices', 'reissue-link'];

const queueQuery = fc
  .record({
    status: fc.oneof(fc.constantFrom('open', 'closed', 'OPEN', ''), text(12)),
    type: fc.oneof(fc.constantFrom(...RIGHTS), text(12)),
    pendingStep: fc.oneof(fc.constantFrom('review', 'store_failure', 'verify_identity'), text(12)),
    overdue: fc.oneof(fc.constantFrom('true', 'false', '1', 'yes'), text(6)),
    dueWithinDays: fc.oneof(fc.integer({ min: -5, max: 1000 }).map(String), text(6)),
    sort: fc.oneof(fc.constant('due'), text(6)),
    limit: fc.oneof(fc.integer({ min: -10, max: 10 ** 6 }).map(String), text(6)),
    cursor: fc.oneof(text(60), fc.base64String({ maxLength: 80 }), fc.constant('eyJsaXN0UGsiOiJ4In0')),
  }, { requiredKeys: [] })
  .map((query) => new URLSearchParams(query).toString());

/**
 * The requests table without the identity route's attempt counters (`LIMIT#verify-client#…`):
 * counting wrong tokens per client is how guessing is stopped, so those writes are meant.
 */
const requestData = async () => (await tableItems(target)).filter((item) => !String(item.pk).startsWith('LIMIT#verify-client#'));

const ANSWERED_ALIKE = ['GET /admin/requests', 'POST /v1/requests/{id}/resend-verification'];

interface Call {
  route: string;
  path: string;
  method: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  admin?: boolean;
}

const call: fc.Arbitrary<Call> = fc.oneof(
  // Identity pages: a link's GET and POST, from any origin, and the resend route.
  pathPart.map((token): Call => ({ route: 'GET /v1/verify/{token}', method: 'GET', path: `/v1/verify/${token}` })),
  fc.record({ token: pathPart, origin: fc.option(text(40), { nil: undefined }), body: anyText(200) }).map(({ token, origin, body }): Call => ({
    route: 'POST /v1/verify/{token}', method: 'POST', path: `/v1/verify/${token}`, body, headers: origin === undefined ? {} : { origin },
  })),
  fc.record({ id: fc.oneof(pathPart, fc.constant('LIVE')), body: fc.oneof(refusedBody, anyText(200)) }).map(({ id, body }): Call => ({
    route: 'POST /v1/requests/{id}/resend-verification', method: 'POST', path: `/v1/requests/${id}/resend-verification`, body,
  })),
  // The download route.
  pathPart.map((token): Call => ({ route: 'GET /v1/downloads/{token}', method: 'GET', path: `/v1/downloads/${token}` })),
  // Admin: the queue's filters and cursors, a request by any id, each action on any id, a filing.
  queueQuery.map((query): Call => ({ route: 'GET /admin/requests', method: 'GET', path: `/admin/requests?${query}`, admin: true })),
  pathPart.map((id): Call => ({ route: 'GET /admin/requests/{id}', method: 'GET', path: `/admin/requests/${id}`, admin: true })),
  fc.record({ id: pathPart, action: fc.oneof(fc.constantFrom(...ALL_ACTIONS), pathPart), body: fc.oneof(refusedBody, anyText(100)) }).map(
    ({ id, action, body }): Call => ({ route: 'POST /admin/requests/{id}/{action}', method: 'POST', path: `/admin/requests/${id}/${action}`, body, admin: true }),
  ),
  fc.record({ action: fc.constantFrom(...BODY_ACTIONS), body: refusedBody }).map(({ action, body }): Call => ({
    route: 'POST /admin/requests/{live}/{action}', method: 'POST', path: `/admin/requests/LIVE/${action}`, body, admin: true,
  })),
  refusedBody.map((body): Call => ({ route: 'POST /admin/requests', method: 'POST', path: '/admin/requests', body, admin: true })),
  fc.record({ id: fc.oneof(pathPart, fc.constant('LIVE')), mailId: pathPart, part: fc.oneof(pathPart, fc.integer({ min: -1, max: 30 }).map(String)) }).map(({ id, mailId, part }): Call => ({
    route: 'GET /admin/requests/{id}/mail/{mailId}/attachments/{part}', method: 'GET', path: `/admin/requests/${id}/mail/${mailId}/attachments/${part}`, admin: true,
  })),
  fc.record({ mailId: pathPart, body: fc.oneof(refusedBody, anyText(100)) }).map(({ mailId, body }): Call => ({
    route: 'POST /admin/unfiled-mail/{mailId}/clear', method: 'POST', path: `/admin/unfiled-mail/${mailId}/clear`, body, admin: true,
  })),
  // Without the bearer token, or with a wrong one: refused before anything else.
  fc.record({ path: fc.constantFrom('/admin/requests', '/admin/requests/LIVE', '/admin/requests/LIVE/approve'), token: fc.option(text(40), { nil: undefined }) }).map(
    ({ path, token }): Call => ({
      route: 'admin without the token', method: path.endsWith('approve') ? 'POST' : 'GET', path,
      headers: token === undefined ? {} : { authorization: `Bearer x${token}` },
    }),
  ),
);

describe('route fuzzing', () => {
  it(`refuses ${RUNS} made-up inputs to the identity, download and admin routes without a 5xx, and changes nothing`, async () => {
    const before = await requestData();
    const executionsBefore = executions(target);
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(call, async ({ route, path, method, body, headers, admin }) => {
        const response = await flow.api.call(path.replace('LIVE', liveId), {
          method,
          body: method === 'POST' ? body : undefined,
          headers: {
            'content-type': 'application/json',
            ...(admin ? { authorization: `Bearer ${target.adminToken}` } : {}),
            ...headers,
          },
        });
        expect(response.status, `${route} ${path}`).toBeLessThan(500);
        // Only reading the queue (any filters it accepts) and the resend route (202 whatever the
        // id, so that it tells nobody which requests exist) may answer 2xx; the rest is refused.
        if (!(ANSWERED_ALIKE.includes(route) && response.status < 300)) {
          expect(response.status, `${route} ${path}`).toBeGreaterThanOrEqual(400);
        }
        // A refusal in JSON carries its machine-readable code (the pages are HTML).
        if (response.status >= 400 && typeof response.body === 'object') expect(response.body.error.code, route).toMatch(/^[a-z_]+$/);
        const key = `${route} ${response.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: 16 },
    );
    const after = await requestData();
    const keyOf = (item: Record<string, unknown>) => `${item.pk} ${item.sk} ${item.type ?? ''}`;
    expect(after.map(keyOf).filter((key) => !before.map(keyOf).includes(key)), 'items written').toEqual([]);
    expect(after).toEqual(before);
    expect(executions(target)).toEqual(executionsBefore);
    const summary = [...statuses].sort().map(([key, count]) => `${key} ×${count}`).join(', ');
    console.log(`route fuzz: ${RUNS} inputs (${summary}); nothing changed`);
  }, 300_000);
});
