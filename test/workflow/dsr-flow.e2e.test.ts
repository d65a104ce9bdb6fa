import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { takeSupportStoreDown } from './store-outage.js';
import { STORES } from '../../functions/core/inventory/index.js';
import { DEMO_USERS, DEFAULT_SIZES } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';
import { storeItemCount } from './store-count.js';
import { eventually, startTarget } from './target.js';

const [ada, bram] = DEMO_USERS as [typeof DEMO_USERS[0], typeof DEMO_USERS[0]];

// Retries of a failing store run without their production backoff, so the test is quick.
const storeStates = STORES.flatMap((store) => [`collect ${store.id}`, `erase ${store.id}`]);

const session = journeyOn(() => startTarget({ retryIntervalOverrides: Object.fromEntries(storeStates.map((s) => [s, 0])) }));

const itemsOf = (storeId: string, accountId: string) => storeItemCount(session.target, storeId, accountId);

describe('an access request, from intake to download', () => {
  let requestId: string;
  let files: Record<string, Uint8Array>;

  it('acknowledges receipt with the deadline and an identity link that a GET does not confirm', async () => {
    requestId = await session.flow.submit({ type: 'access', email: ada.email, locale: 'en' });
    const link = await session.flow.identityLink(requestId, ada.email);
    const page = await session.flow.api.call(link.slice(session.target.apiUrl.length));
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<form[^>]+method="post"/i);
    const request = await session.flow.detail(requestId);
    expect(request).toMatchObject({ status: 'awaiting_identity', pendingStep: 'verify_identity' });
    const [ack] = (await session.flow.mailsFor(requestId)).filter((m) => /received your privacy request/.test(m.subject));
    expect(ack!.text).toContain(request.receiptDate.slice(0, 4));
  });

  it('confirms the identity by the page’s POST, once, and waits for the privacy team', async () => {
    const link = await session.flow.identityLink(requestId, ada.email);
    expect((await session.flow.api.call(link.slice(session.target.apiUrl.length), { method: 'POST' })).status).toBe(200);
    expect((await session.flow.api.call(link.slice(session.target.apiUrl.length), { method: 'POST' })).status).toBe(409);
    const request = await session.flow.waitFor(requestId, (r) => r.pendingStep === 'review', 'review');
    expect(request.status).toBe('awaiting_review');
    const list = await session.flow.api.admin('/requests');
    expect(list.body.items.map((item: any) => item.requestId)).toContain(requestId);
    expect(JSON.stringify(list.body)).not.toContain(ada.email);
  });

  it('resumes on one approval; a second approval is 409 and resumes nothing', async () => {
    expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
    const again = await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_decided');
    const request = await session.flow.waitForStatus(requestId, 'completed');
    expect(request.audit.filter((event: any) => event.type === 'decision' && event.details.step === 'review')).toHaveLength(1);
  });

  it('emails a download link to a package with every store’s data of that user and nothing of another', async () => {
    const mail = (await session.flow.mailsFor(requestId)).find((m) => /ready to download/.test(m.subject))!;
    const link = /https?:\/\/\S+\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(mail.text)![0].replace(/^https?:\/\/[^/]+/, session.target.apiUrl);
    const redirect = await session.flow.api.call(link.slice(session.target.apiUrl.length));
    expect(redirect.status).toBe(302);
    const zip = await fetch(redirect.headers.get('location')!);
    expect(zip.status).toBe(200);
    files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    for (const store of STORES) {
      expect(Object.keys(files)).toContain(`data/${store.id}.json`);
      expect(Object.keys(files)).toContain(`data/${store.id}.csv`);
      const rows = JSON.parse(strFromU8(files[`data/${store.id}.json`]!)) as unknown[];
      expect(rows.length, store.id).toBe(DEFAULT_SIZES[store.id]);
    }
    expect(Object.keys(files).filter((name) => name.startsWith('media/'))).toHaveLength(DEFAULT_SIZES.media);
    expect(strFromU8(files['README.html']!)).toContain('Autoriteit Persoonsgegevens');
    const everything = Object.entries(files)
      .filter(([name]) => !name.startsWith('media/'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n');
    expect(everything).toContain(ada.accountId);
    expect(everything).not.toContain(bram.accountId);
    expect(everything).not.toContain(bram.email);
  });

  it('sent each email exactly once', async () => {
    const mails = await session.flow.mailsFor(requestId);
    expect(session.flow.countBy(mails, /received your privacy request/)).toBe(1);
    expect(session.flow.countBy(mails, /Review needed/)).toBe(1);
    expect(session.flow.countBy(mails, /ready to download/)).toBe(1);
  });
});

describe('an erasure request', () => {
  it('erases the user everywhere but the invoices, which the report lists with their legal basis', async () => {
    const adaBefore = await Promise.all(STORES.map((store) => itemsOf(store.id, ada.accountId)));
    const requestId = await session.flow.reachReview({ type: 'erasure', email: bram.email, locale: 'nl' });
    await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST');
    const request = await session.flow.waitForStatus(requestId, 'completed');

    for (const store of STORES) {
      const left = await itemsOf(store.id, bram.accountId);
      expect(left, store.id).toBe(store.id === 'invoices' ? DEFAULT_SIZES.invoices : 0);
    }
    expect(await Promise.all(STORES.map((store) => itemsOf(store.id, ada.accountId)))).toEqual(adaBefore);

    const invoices = request.stores.find((s: any) => s.storeId === 'invoices' && s.action === 'erase');
    expect(invoices).toMatchObject({ items: 0, retained: DEFAULT_SIZES.invoices });
    const report = (await session.flow.mailsFor(requestId)).find((m) => /gewist/.test(m.subject))!;
    expect(report.to).toEqual([bram.email]);
    expect(report.text).toContain('artikel 17 lid 3, onder b, AVG');
    expect(report.text).toMatch(/20\d\d/);
  });
});

describe('requests that end early', () => {
  it('replies that no data is held when no account has the verified address', async () => {
    const requestId = await session.flow.submit({ type: 'access', email: 'nobody@example.org' });
    await session.flow.confirmIdentity(requestId, 'nobody@example.org');
    await session.flow.waitForStatus(requestId, 'completed_no_data');
    const mails = await session.flow.mailsFor(requestId);
    expect(session.flow.countBy(mails, /no account found/)).toBe(1);
  });

  it('sends a refusal with the reasons and the right to complain when the team rejects', async () => {
    const requestId = await session.flow.reachReview({ type: 'access', email: ada.email });
    const rejected = await session.flow.api.admin(`/requests/${requestId}/reject`, 'POST', {
      reasonCode: 'excessive',
      reason: 'Fourth identical request this month.',
    });
    expect(rejected.status).toBe(200);
    await session.flow.waitForStatus(requestId, 'rejected');
    const refusal = (await session.flow.mailsFor(requestId)).find((m) => /niet uitvoeren|cannot/i.test(m.subject))!;
    expect(refusal.text).toContain('Fourth identical request this month.');
    expect(refusal.text).toContain('Autoriteit Persoonsgegevens');
  });
});

describe('a store that fails', () => {
  it('is reported to the privacy team, waits, and succeeds when they retry', async () => {
    // The store disappears: an outage the emulator can really produce.
    const bringBack = await takeSupportStoreDown(session.target.resources);

    const requestId = await session.flow.reachReview({ type: 'access', email: ada.email, details: 'store outage test' });
    await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST');
    const stuck = await session.flow.waitFor(requestId, (r) => r.status === 'awaiting_store_retry', 'store failure');
    expect(stuck.pendingSteps).toContainEqual(expect.objectContaining({ step: 'store_failure', details: expect.objectContaining({ storeId: 'support' }) }));
    // The notice goes out right after the step is parked.
    await eventually(async () => session.flow.countBy(await session.flow.mailsFor(requestId), /Store step failed/) || undefined, 'the store-failure notice');
    expect(session.flow.countBy(await session.flow.mailsFor(requestId), /Store step failed/)).toBe(1);

    // The store comes back; the privacy team retries.
    await bringBack([ada]);
    expect((await session.flow.api.admin(`/requests/${requestId}/retry`, 'POST', {})).status).toBe(200);
    const done = await session.flow.waitForStatus(requestId, 'completed');
    expect(done.stores.find((s: any) => s.storeId === 'support' && s.action === 'collect').items).toBe(DEFAULT_SIZES.support);
    expect((await session.flow.api.admin(`/requests/${requestId}/retry`, 'POST', {})).status).toBe(409);
  });
});
