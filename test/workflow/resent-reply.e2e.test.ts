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
const [ada, bram] = DEMO_USERS as [typeof DEMO_USERS[0], typeof DEMO_USERS[0]];
let crashed = false;
/** The acknowledgement case: its first send crashed; its retries die until the person confirmed. */
const acknowledgement = { address: bram.email, crashed: false, confirmed: false };

const session = journeyOn(() => startEmbedded({
  // The retry takes the dead invocation's claim over at once, without production backoff.
  // Acknowledge's six retries span 12 s: time for the person to confirm while they die.
  retryIntervalOverrides: { RespondResult: 0, Acknowledge: 2000 },
  mailClaimLeaseMs: 0,
  crashAfter: ({ functionLogicalId, operation, input }) => {
    if (functionLogicalId.includes('Acknowledge')) {
      if (operation === 'SendEmail' && input.Destination?.ToAddresses?.includes(acknowledgement.address) && !acknowledgement.crashed) {
        acknowledgement.crashed = true;
        return true;
      }
      // Until the person has confirmed with the first copy's link, every retry dies at its start.
      return operation === 'GetItem' && acknowledgement.crashed && !acknowledgement.confirmed;
    }
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

describe.skipIf(onLocalStack)('an acknowledgement SES accepted right before its Lambda died, confirmed before the retry (crash injected after SendEmail)', () => {
  it('keeps the confirmation: the second copy says it was given and links nothing, and the request goes on to the review', async () => {
    const requestId = await session.flow.submit({ type: 'access', email: acknowledgement.address, locale: 'en' });
    await session.flow.confirmIdentity(requestId, acknowledgement.address);
    acknowledgement.confirmed = true;
    await session.flow.waitFor(requestId, (request) => request.pendingStep === 'review', 'pending review');
    const copies = (await session.flow.mailsFor(requestId)).filter((mail) => /received your privacy request/.test(mail.subject));
    expect(copies).toHaveLength(2);
    const [first, second] = copies.sort((a, b) => Number(/verify\//.test(b.text)) - Number(/verify\//.test(a.text)));
    expect(first!.text).toMatch(/\/v1\/verify\//);
    expect(second!.text).not.toMatch(/\/v1\/verify\//);
    expect(second!.text).toContain('You have already confirmed your email address');
  });
});
