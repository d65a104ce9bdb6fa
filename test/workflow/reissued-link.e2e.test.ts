import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';

const [ada] = DEMO_USERS as [typeof DEMO_USERS[0]];

const session = journeyOn();

const downloadPath = (text: string) => /https?:\/\/\S+\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(text)![0].replace(/^https?:\/\/[^/]+/, '');

/** The privacy team sends a new download link while the package exists; the old one stops working. */
describe.sequential('a reissued download link', () => {
  let requestId: string;
  let first: string;

  it('is refused while the request has no package', async () => {
    requestId = await session.flow.reachReview({ type: 'access', email: ada.email, locale: 'en' });
    const early = await session.flow.api.admin(`/requests/${requestId}/reissue-link`, 'POST');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('no_package');
  });

  it('works, and the link it replaces does not', async () => {
    expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
    await session.flow.waitForStatus(requestId, 'completed');
    first = downloadPath((await session.flow.mailsFor(requestId)).find((m) => /ready to download/.test(m.subject))!.text);
    expect((await session.flow.api.call(first)).status).toBe(302);

    const reissued = await session.flow.api.admin(`/requests/${requestId}/reissue-link`, 'POST');
    expect(reissued.status).toBe(200);
    expect(reissued.body.noticesPending).toEqual([]);
    const mails = (await session.flow.mailsFor(requestId)).filter((m) => /new download link/.test(m.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([ada.email]);
    expect(mails[0]!.text).toContain('The previous link no longer works.');
    const second = downloadPath(mails[0]!.text);
    expect(second).not.toBe(first);

    const fresh = await session.flow.api.call(second);
    expect(fresh.status).toBe(302);
    expect((await fetch(fresh.headers.get('location')!)).status).toBe(200);
    expect((await session.flow.api.call(first)).status).toBe(410);
    const request = await session.flow.detail(requestId);
    expect(request.audit.filter((e: any) => e.type === 'download_link_reissued')).toHaveLength(1);
  });
});
