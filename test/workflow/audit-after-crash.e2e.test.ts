import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journey } from './journey.js';
import { startEmbedded, type DsrTarget } from './target.js';

/**
 * A workflow step whose Lambda dies right after it wrote its audit event (crash injection)
 * is retried by Step Functions; the retry must not record the event a second time. Found
 * by the soak (test/workflow/soak.test.ts): `closed` twice after a crash in Close.
 */
const [ada] = DEMO_USERS as [typeof DEMO_USERS[0]];
const ONCE_EACH = ['received', 'identity_verified', 'subject_resolved', 'step_pending', 'package_assembled', 'closed'];
const crashed = new Set<string>();

let target: DsrTarget;
let flow: ReturnType<typeof journey>;

beforeAll(async () => {
  target = await startEmbedded({
    retryIntervalOverrides: { Acknowledge: 0, ResolveSubject: 0, Review: 0, Assemble: 0, CloseCompleted: 0 },
    crashAfter: ({ operation, input }) => {
      // Each once-per-request event: the step dies right after the first write of it.
      const type = operation === 'PutItem' ? String(input.Item?.type?.S ?? '') : '';
      if (!ONCE_EACH.includes(type) || crashed.has(type)) return false;
      crashed.add(type);
      return true;
    },
  });
  flow = journey(target);
});
afterAll(async () => target?.stop());

describe('a workflow step that dies after writing its audit event (crash injection)', () => {
  it('is retried, and the audit trail holds each of its events once', async () => {
    // Filed from the signed-in dashboard: no identity link, so Acknowledge records the verification.
    const requestId = await flow.submit({ type: 'access', email: ada.email, accountId: ada.accountId, channel: 'dashboard' });
    await flow.waitFor(requestId, (request) => request.pendingStep === 'review', 'pending review');
    expect((await flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
    const request = await flow.waitForStatus(requestId, 'completed');
    expect([...crashed].sort()).toEqual([...ONCE_EACH].sort());
    for (const type of ONCE_EACH) {
      expect(request.audit.filter((event: { type: string }) => event.type === type), type).toHaveLength(1);
    }
  });
});
