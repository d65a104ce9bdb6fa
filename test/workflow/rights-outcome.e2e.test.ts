import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';

const [ada, bram] = DEMO_USERS as [typeof DEMO_USERS[0], typeof DEMO_USERS[0]];

/**
 * Rights that touch no store (Art. 16, 18, 21, 7(3)): after the team's approval the
 * requester is told what was done (Art. 12(3)/(4)), with the team's statement of it.
 */
const session = journeyOn();

const isOutcome = /action taken on your privacy request|wat wij met uw privacyverzoek hebben gedaan/i;

describe('a request whose rights touch no store', () => {
  it('replies to a withdrawal of consent approved without an outcome, with the consent sentence', async () => {
    const requestId = await session.flow.reachReview({ type: 'withdraw_consent', email: ada.email, locale: 'en' });
    expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
    await session.flow.waitForStatus(requestId, 'completed');
    const replies = (await session.flow.mailsFor(requestId)).filter((m) => isOutcome.test(m.subject));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.to).toEqual([ada.email]);
    expect(replies[0]!.text).toContain('Art. 7(3) GDPR');
    expect(replies[0]!.text).toMatch(/no personal data on the basis of your consent/);
    expect(replies[0]!.text).toContain('Autoriteit Persoonsgegevens');
  });

  describe.sequential('rectification', () => {
    let requestId: string;
    const outcome = 'We changed the email address of your account to the one you gave us.';

    it('refuses an approval without the outcome, and the request stays pending', async () => {
      requestId = await session.flow.reachReview({ type: 'rectification', email: bram.email, locale: 'en' });
      const refused = await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST');
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('outcome_required');
      const blank = await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST', { outcome: '   ' });
      expect(blank.status).toBe(400);
      const request = await session.flow.detail(requestId);
      expect(request).toMatchObject({ status: 'awaiting_review', pendingStep: 'review', outcome: null });
      expect(request.audit.filter((event: any) => event.type === 'decision' && event.details.step === 'review')).toHaveLength(0);
    });

    it('replies once, quoting the outcome, after an approval with it', async () => {
      const approved = await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST', { outcome: `  ${outcome}  ` });
      expect(approved.status).toBe(200);
      const request = await session.flow.waitForStatus(requestId, 'completed');
      expect(request.outcome).toMatchObject({ text: outcome, decidedBy: expect.any(String), decidedAt: expect.any(String) });
      const [decision, ...more] = request.audit.filter((event: any) => event.type === 'decision' && event.details.step === 'review');
      expect(more).toHaveLength(0);
      expect(decision.details).toMatchObject({ step: 'review', decision: 'approved', outcome });
      const replies = (await session.flow.mailsFor(requestId)).filter((m) => isOutcome.test(m.subject));
      expect(replies).toHaveLength(1);
      expect(replies[0]!.text).toContain(outcome);
      expect(replies[0]!.text).toContain('Art. 16 GDPR');
      expect(request.emailsSent).toContain('rights_outcome');
    });
  });

  it('sends both replies when the request also asks for access: the package and the outcome', async () => {
    const outcome = 'Your data is marked restricted in every store; only storage continues.';
    const requestId = await session.flow.reachReview({ types: ['access', 'restriction'], email: ada.email, locale: 'nl' });
    expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST', { outcome })).status).toBe(200);
    const request = await session.flow.waitForStatus(requestId, 'completed');
    expect(request.emailsSent).toEqual(expect.arrayContaining(['access_ready', 'rights_outcome']));
    const replies = (await session.flow.mailsFor(requestId)).filter((m) => isOutcome.test(m.subject));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain(outcome);
    expect(replies[0]!.text).toContain('artikel 18 lid 3 AVG');
  });
});
