import { describe, expect, it } from 'vitest';
import { computeDeadlines } from '../../functions/core/deadlines/index.js';
import { STORES } from '../../functions/core/inventory/index.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { DEV_RECIPIENT_CONTACTS } from '../../lib/local/dev-defaults.js';
import { journeyOn } from './journey.js';
import { storeItemCount } from './store-count.js';
import { startEmbedded } from './target.js';

const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];
const TEAM_MEMBER = 'privacy-team@localhost';

const session = journeyOn(startEmbedded);

const file = (body: Record<string, unknown>) => session.flow.api.admin('/requests', 'POST', body);
/** Every stored request, open or closed (a request may close while a test runs). */
const storedRequests = async () =>
  (await session.flow.api.admin('/requests?status=open&limit=100')).body.items.length +
  (await session.flow.api.admin('/requests?status=closed&limit=100')).body.items.length;

const itemsOf = (storeId: string, accountId: string) => storeItemCount(session.target, storeId, accountId);

describe('requests the privacy team files itself (POST /admin/requests)', () => {
  it('counts a letter’s deadlines from its true, old receipt date, names who filed it, and checks identity by link', async () => {
    const receivedAt = new Date(Date.now() - 45 * 86_400_000).toISOString().replace('Z', '+00:00');
    const response = await file({ types: ['access'], email: ada.email, channel: 'letter', receivedAt, details: 'Letter of 3 March' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const expected = computeDeadlines(receivedAt);
    expect(response.body).toMatchObject({
      receiptDate: expected.receiptDate,
      deadline: expected.initial.legal,
      deadlines: { initial: expected.initial, extended: expected.extended },
    });
    const { requestId } = response.body;
    const request = await session.flow.waitFor(requestId, (r) => r.pendingStep === 'verify_identity', 'pending identity');
    expect(request).toMatchObject({ channel: 'letter', receiptDate: expected.receiptDate, contactEmail: ada.email });
    const received = request.audit.find((event: any) => event.type === 'received');
    expect(received.details).toMatchObject({ filedBy: TEAM_MEMBER, identity: 'link' });
    expect(await session.flow.identityLink(requestId, ada.email)).toMatch(/\/v1\/verify\//);
  });

  it('skips the identity link when the team verified the identity, and says so in the acknowledgement', async () => {
    // Portability: the letter above holds Ada's open access request (a repeat would be a duplicate).
    const response = await file({
      types: ['portability'],
      email: ada.email,
      channel: 'phone',
      receivedAt: new Date().toISOString(),
      accountId: ada.accountId,
      identity: 'verified',
      note: 'Caller gave the account number and the last invoice amount.',
    });
    expect(response.status).toBe(201);
    const { requestId } = response.body;
    const request = await session.flow.waitFor(requestId, (r) => r.pendingStep === 'review', 'pending review');
    expect(request.audit.find((event: any) => event.type === 'identity_verified')).toMatchObject({
      actor: TEAM_MEMBER,
      details: { method: 'privacy_team' },
    });
    const [ack] = (await session.flow.mailsFor(requestId)).filter((m) => m.to.includes(ada.email));
    expect(ack!.text).toContain('Our privacy team has already established your identity');
    expect(ack!.text).not.toMatch(/verify\//);
    expect((await session.flow.api.admin(`/requests/${requestId}/cancel`, 'POST')).status).toBe(200);
    await session.flow.waitForStatus(requestId, 'cancelled');
  });

  it.each([
    ['a verified identity without a note', { identity: 'verified' }, 'note', 'required'],
    ['a receipt in the future', { receivedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'receivedAt', 'in_future'],
    ['a receipt without an offset', { receivedAt: '2026-01-05T10:00:00' }, 'receivedAt', 'missing_offset'],
    ['an unknown channel', { channel: 'fax' }, 'channel', 'unknown_value'],
    ['a minor’s request for access', { ground: 'minor', types: ['access'], accountId: 'acct_x', note: 'x' }, 'types', 'minor_erasure_only'],
  ])('refuses %s with 400 and stores nothing', async (_what, change, path, code) => {
    const before = await storedRequests();
    const response = await file({ types: ['access'], email: ada.email, channel: 'letter', receivedAt: new Date().toISOString(), ...change });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.fields).toContainEqual(expect.objectContaining({ path, code }));
    expect(await storedRequests()).toBe(before);
  });

  it('erases a minor’s account without an identity link, after review, with Art. 19 notices and a plain notice to the account', async () => {
    const response = await file({
      types: ['erasure'],
      accountId: bram.accountId,
      ground: 'minor',
      channel: 'other',
      receivedAt: new Date().toISOString(),
      note: 'Parent wrote to support with a birth certificate.',
      locale: 'nl',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const { requestId } = response.body;
    const request = await session.flow.waitFor(requestId, (r) => r.pendingStep === 'review', 'pending review');
    expect(request.pendingSteps.map((step: any) => step.step)).toEqual(['review']);
    // Nobody asked: no acknowledgement goes to anyone but the privacy team.
    expect((await session.flow.mailsFor(requestId)).filter((m) => !m.to.includes('privacy-team@kiara-api.com'))).toEqual([]);
    expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
    await session.flow.waitForStatus(requestId, 'completed');
    // Erased as any erasure: every store emptied but invoices, kept as the law requires.
    for (const store of STORES.filter((s) => s.erasure.action !== 'retain')) {
      expect(await itemsOf(store.id, bram.accountId), store.id).toBe(0);
    }
    expect(await itemsOf('invoices', bram.accountId)).toBeGreaterThan(0);
    const mails = await session.flow.mailsFor(requestId);
    const notice = mails.find((m) => m.to.includes(bram.email));
    expect(notice?.subject).toContain('Wij hebben uw Kiara-account verwijderd');
    expect(notice?.text).toContain('onder de 18');
    // What was kept is named with its exception, the inventory's reason and the date it can go.
    expect(notice?.text).toMatch(/Betaal- en factuurgegevens, tot en met \d{1,2} \w+ \d{4} \(uitzondering: artikel 17 lid 3, onder b, AVG\)\. Bewaard gedurende de fiscale bewaartermijn van zeven jaar \(artikel 52 AWR\)/);
    const notified = mails.flatMap((m) => m.to).filter((to) => Object.values(DEV_RECIPIENT_CONTACTS).includes(to));
    expect(notified.length).toBeGreaterThan(0);
    expect(mails.filter((m) => /erased|gewist/i.test(m.subject) && m.to.includes(bram.email))).toEqual([]);
  });
});
