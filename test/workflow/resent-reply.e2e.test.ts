import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';
import { onLocalStack, startEmbedded } from './target.js';

/**
 * The one window of exactly-once (README "Failure behaviour"): SES accepted the reply, then
 * its Lambda died before the marker said so, and the retry sends it again. Both copies are
 * the same reply, so both download links open the package. Embedded only: the crash is
 * injected by the local runtime.
 */
const [ada] = DEMO_USERS as [typeof DEMO_USERS[0]];
let crashed = false;

const session = journeyOn(() => startEmbedded({
  // The retry takes the dead invocation's claim over at once, without production backoff.
  retryIntervalOverrides: { RespondResult: 0 },
  mailClaimLeaseMs: 0,
  crashAfter: ({ functionLogicalId, operation, input }) => {
    if (crashed || !functionLogicalId.includes('Respond') || operation !== 'SendEmail') return false;
    crashed = /ready to download/.test(String(input.Message?.Subject?.Data));
    return crashed;
  },
}));

describe.skipIf(onLocalStack)('an access reply SES accepted right before its Lambda died (crash injected after SendEmail)', () => {
  it('is sent again, and the links of both copies open the package', async () => {
    const requestId = await session.flow.reachReview({ type: 'access', email: ada.email, locale: 'en' });
    expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
    await session.flow.waitForStatus(requestId, 'completed');
    expect(crashed).toBe(true);
    const replies = (await session.flow.mailsFor(requestId)).filter((m) => /ready to download/.test(m.subject));
    expect(replies).toHaveLength(2);
    for (const reply of replies) {
      const link = /\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(reply.text)?.[0];
      expect(link).toBeDefined();
      expect((await session.flow.api.call(link!, { redirect: 'manual' })).status).toBe(302);
    }
  });
});
