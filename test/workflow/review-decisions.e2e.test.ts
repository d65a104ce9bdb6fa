import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';
import { storeItemCount } from './store-count.js';

const [ada, bram] = DEMO_USERS as [typeof DEMO_USERS[0], typeof DEMO_USERS[0]];

/**
 * The review decides each right of a request (Art. 12(4)): one right granted, another
 * refused on an Art. 17(3) exception, and one reply that covers both with the remedies.
 */
const session = journeyOn();

const facts = 'An invoice dispute with you is pending before the district court of Amsterdam (case 2026/123).';

describe.sequential('a request for access and erasure, access granted and erasure refused', () => {
  let requestId: string;

  it('refuses a decision that misses a right, names an unknown one or refuses without ground and facts; nothing changes', async () => {
    requestId = await session.flow.reachReview({ types: ['access', 'erasure'], email: ada.email, locale: 'en' });
    const decide = (body: unknown) => session.flow.api.admin(`/requests/${requestId}/decide`, 'POST', body);

    const missing = await decide({ rights: { access: { decision: 'grant' } } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toContainEqual(expect.objectContaining({ path: 'rights.erasure', code: 'required' }));

    const unknown = await decide({ rights: { access: { decision: 'grant' }, erasure: { decision: 'grant' }, telepathy: { decision: 'grant' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toContainEqual(expect.objectContaining({ path: 'rights.telepathy', code: 'unknown_right' }));

    const bare = await decide({ rights: { access: { decision: 'grant' }, erasure: { decision: 'refuse' } } });
    expect(bare.status).toBe(400);
    expect(bare.body.error.fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'rights.erasure.ground', code: 'ground_required' }),
      expect.objectContaining({ path: 'rights.erasure.facts', code: 'facts_required' }),
    ]));

    const wrongGround = await decide({ rights: { access: { decision: 'partial', ground: 'legal_claims', facts } , erasure: { decision: 'grant' } } });
    expect(wrongGround.status).toBe(400);
    expect(wrongGround.body.error.fields).toContainEqual(expect.objectContaining({ path: 'rights.access.ground', code: 'ground_not_applicable' }));

    const request = await session.flow.detail(requestId);
    expect(request).toMatchObject({ status: 'awaiting_review', pendingStep: 'review', decision: null });
    expect(request.audit.filter((event: any) => event.type === 'decision' && event.details.step === 'review')).toHaveLength(0);
  });

  it('carries out the granted right only and sends one reply with the decision per right and the remedies', async () => {
    const decided = await session.flow.api.admin(`/requests/${requestId}/decide`, 'POST', {
      rights: { access: { decision: 'grant' }, erasure: { decision: 'refuse', ground: 'legal_claims', facts } },
    });
    expect(decided.status).toBe(200);
    const again = await session.flow.api.admin(`/requests/${requestId}/decide`, 'POST', { rights: { access: { decision: 'grant' }, erasure: { decision: 'grant' } } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_decided');

    const request = await session.flow.waitForStatus(requestId, 'completed');
    expect(request.stores.filter((store: any) => store.action === 'erase')).toEqual([]);
    expect(request.emailsSent).toContain('access_ready');
    expect(request.emailsSent).not.toContain('erasure_report');
    expect(request.emailsSent).not.toContain('rejection');

    const replies = (await session.flow.mailsFor(requestId)).filter((mail) => mail.to.includes(ada.email) && !/received your privacy request/.test(mail.subject));
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply!.subject).toMatch(/ready to download/);
    expect(reply!.text).toMatch(/Right of access \(Art\. 15 GDPR\): granted\./);
    expect(reply!.text).toMatch(/Right to erasure \(Art\. 17 GDPR\): refused\./);
    expect(reply!.text).toContain('Art. 17(3)(e) GDPR');
    expect(reply!.text).toContain(facts);
    expect(reply!.text).toContain('Autoriteit Persoonsgegevens');
    expect(reply!.text).toMatch(/art\. 35/i);
  });

  it('records the decision per right, its ground and facts, and who decided, in the audit trail', async () => {
    const request = await session.flow.detail(requestId);
    const decisions = request.audit.filter((event: any) => event.type === 'decision' && event.details.step === 'review');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      actor: request.decision.decidedBy,
      details: {
        decision: 'approved',
        rights: { access: { decision: 'grant' }, erasure: { decision: 'refuse', ground: 'legal_claims', facts } },
      },
    });
    expect(request.decision).toMatchObject({ rights: decisions[0].details.rights, decidedAt: expect.any(String) });
  });
});

describe('a request the requester withdraws', () => {
  it('closes as cancelled and confirms the withdrawal to the requester, once', async () => {
    const requestId = await session.flow.reachReview({ type: 'rectification', email: ada.email, locale: 'nl' });
    expect((await session.flow.api.admin(`/requests/${requestId}/cancel`, 'POST')).status).toBe(200);
    const request = await session.flow.waitForStatus(requestId, 'cancelled');
    expect(request.emailsSent).toContain('cancellation');
    const confirmations = (await session.flow.mailsFor(requestId)).filter((mail) => /ingetrokken/.test(mail.subject));
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.to).toEqual([ada.email]);
    expect(confirmations[0]!.text).toContain('geen gegevens verstrekt, gewist of gewijzigd');
  });
});

describe.sequential('a request for access and erasure, erasure granted in part (Art. 17(3)(e))', () => {
  const claim = 'You have started proceedings about a support conversation of March 2026 (district court of Amsterdam, case 2026/456).';
  let requestId: string;

  it('refuses a partial decision that keeps nothing, an unknown store or a store outside the right, or gives no end date; nothing changes', async () => {
    requestId = await session.flow.reachReview({ types: ['access', 'erasure'], email: bram.email, locale: 'en' });
    // What the console's decide dialog offers to keep, per right.
    expect((await session.flow.detail(requestId)).keepable.erasure).toContainEqual({ storeId: 'support', title: 'Support communications' });
    const decide = (erasure: unknown, access: unknown = { decision: 'grant' }) =>
      session.flow.api.admin(`/requests/${requestId}/decide`, 'POST', { rights: { access, erasure } });
    const partial = { decision: 'partial', ground: 'legal_claims', facts: claim };

    const nothingKept = await decide({ ...partial, until: '2027-06-30' });
    expect(nothingKept.status).toBe(400);
    expect(nothingKept.body.error.fields).toContainEqual(expect.objectContaining({ path: 'rights.erasure.keep', code: 'keep_required' }));

    const unknownStore = await decide({ ...partial, keep: ['support', 'diaries'], until: '2027-06-30' });
    expect(unknownStore.status).toBe(400);
    expect(unknownStore.body.error.fields).toEqual([expect.objectContaining({ path: 'rights.erasure.keep.1', code: 'unknown_store' })]);

    const noEnd = await decide({ ...partial, keep: ['support'] });
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.error.fields).toContainEqual(expect.objectContaining({ path: 'rights.erasure.until', code: 'until_required' }));

    const keptOnGrant = await decide({ decision: 'grant', keep: ['support'] });
    expect(keptOnGrant.status).toBe(400);
    expect(keptOnGrant.body.error.fields).toContainEqual(expect.objectContaining({ path: 'rights.erasure.keep', code: 'keep_not_allowed' }));

    expect(await session.flow.detail(requestId)).toMatchObject({ status: 'awaiting_review', pendingStep: 'review', decision: null });
  });

  it('keeps the named store, erases the rest, and says in one reply what was kept, why and until when, with the remedies', async () => {
    const supportBefore = await storeItemCount(session.target, 'support', bram.accountId);
    expect(supportBefore).toBeGreaterThan(0);
    const decided = await session.flow.api.admin(`/requests/${requestId}/decide`, 'POST', {
      rights: {
        access: { decision: 'grant' },
        erasure: { decision: 'partial', ground: 'legal_claims', facts: claim, keep: ['support'], until: '2027-06-30' },
      },
    });
    expect(decided.status).toBe(200);

    const request = await session.flow.waitForStatus(requestId, 'completed');
    const erased = request.stores.filter((store: any) => store.action === 'erase').map((store: any) => store.storeId);
    expect(erased).not.toContain('support');
    expect(erased).toEqual(expect.arrayContaining(['account', 'usage-logs', 'generations', 'media']));
    expect(await storeItemCount(session.target, 'support', bram.accountId)).toBe(supportBefore);
    expect(await storeItemCount(session.target, 'usage-logs', bram.accountId)).toBe(0);
    expect(await storeItemCount(session.target, 'account', bram.accountId)).toBe(0);

    const replies = (await session.flow.mailsFor(requestId)).filter((mail) => mail.to.includes(bram.email) && !/received your privacy request/.test(mail.subject));
    const withDecision = replies.filter((mail) => /Our decision on each right/.test(mail.text));
    expect(withDecision).toHaveLength(1);
    const [reply] = withDecision;
    expect(reply!.text).toMatch(/Right to erasure \(Art\. 17 GDPR\): granted in part\./);
    expect(reply!.text).toContain('Art. 17(3)(e) GDPR');
    expect(reply!.text).toContain(claim);
    expect(reply!.text).toMatch(/What we keep: Support communications/);
    expect(reply!.text).toContain('30 June 2027');
    expect(reply!.text).toContain('Autoriteit Persoonsgegevens');

    // The erasure report does not claim that nothing but invoices was kept.
    const report = replies.find((mail) => /has been erased/.test(mail.subject));
    expect(report!.text).toMatch(/Support communications/);
  });
});
