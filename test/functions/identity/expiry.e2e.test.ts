import { describe, expect, it } from 'vitest';
import { FAILURE_LIMIT } from '../../../functions/identity/verify.js';
import { RESEND_ANSWER } from '../../../functions/identity/resend.js';
import { journeyOn } from '../../workflow/journey.js';
import { eventually, startEmbedded } from '../../workflow/target.js';

/** How long the identity link lives here: the stack's own setting, not a patched template. */
const LINK_SECONDS = 4;
const SECRET = 'expiry-test-secret';

/**
 * The real stack synthesized with `identityLinkDays` of a few seconds: the same setting
 * sets the link's expiry (IDENTITY_LINK_DAYS) and VerifyIdentity's TimeoutSeconds, so the
 * workflow's own timeout closes the request, as it would after 7 days.
 */
const startShortLivedLinks = () =>
  startEmbedded({ stackProps: { identityLinkDays: LINK_SECONDS / 86_400 }, webhookSecret: SECRET, seed: false });

const session = journeyOn(startShortLivedLinks);

describe('an identity link that is not confirmed in time', () => {
  const email = 'too-late@example.org';
  let requestId: string;
  let link: string;

  it('closes the request at expiry and emails how to try again', async () => {
    requestId = await session.flow.submit({ type: 'erasure', email });
    link = (await session.flow.identityLink(requestId, email)).slice(session.target.apiUrl.length);
    const closed = await eventually(async () => {
      const request = await session.flow.detail(requestId);
      return request.status === 'closed_unverified' ? request : undefined;
    }, 'closed_unverified', 20_000);
    expect(closed.emailsSent).toEqual(expect.arrayContaining(['acknowledgement', 'identity_expired']));
    const [notice] = (await session.flow.mailsFor(requestId)).filter((m) => /has been closed/.test(m.subject));
    expect(notice!.to).toEqual([email]);
    expect(notice!.text).toMatch(/submit your request again/);
    expect(notice!.text).toMatch(/signed in to your Kiara dashboard/);
  });

  it('shows the expired page; the link confirms nothing', async () => {
    const page = await session.flow.api.call(link, { method: 'POST' });
    expect(page.status).toBe(410);
    expect(page.body).toMatch(/This link has expired/);
    expect((await session.flow.detail(requestId)).status).toBe('closed_unverified');
  });

  it(`locks the request's links after ${FAILURE_LIMIT.max} failed attempts`, async () => {
    // One failed attempt was the POST above.
    for (let i = 1; i < FAILURE_LIMIT.max; i++) expect((await session.flow.api.call(link)).status).toBe(410);
    const locked = await session.flow.api.call(link);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatch(/Too many attempts/);
  });

  it('sends no new link once the request has closed', async () => {
    const before = (await session.target.mail()).length;
    const answer = await session.flow.api.call(`/v1/requests/${requestId}/resend-verification`, { method: 'POST' });
    expect([answer.status, answer.body]).toEqual([202, RESEND_ANSWER]);
    expect((await session.target.mail()).length).toBe(before);
  });
});
