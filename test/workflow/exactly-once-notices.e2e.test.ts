import { describe, expect, it, vi } from 'vitest';
import { sesClient } from '../../functions/shared/aws-clients.js';
import { journeyOn } from './journey.js';
import { onLocalStack, startEmbedded } from './target.js';

const session = journeyOn(startEmbedded);

const isExtensionNotice = /more time/;

/**
 * A notice whose action changes the record goes out exactly once: the extension and its
 * queued notice are one write, the email follows, and a failed send leaves it pending for
 * a retry. Embedded only: the SES failure is forced on the handlers' shared SES client,
 * which runs in this process.
 */
describe.skipIf(onLocalStack).sequential('an extension whose notice fails to send (SES client mocked to fail once)', () => {
  let requestId: string;
  const email = 'notice-outbox@example.org';

  it('keeps the extension with its notice pending when the mail provider fails', async () => {
    requestId = await session.flow.submit({ type: 'access', email });
    await session.flow.identityLink(requestId, email); // the acknowledgement is out: the next send is the notice
    const send = vi.spyOn(sesClient(), 'send').mockRejectedValueOnce(Object.assign(new Error('SES unavailable'), { name: 'ServiceUnavailable' }));
    try {
      const extended = await session.flow.api.admin(`/requests/${requestId}/extend`, 'POST', { reason: 'Many projects to review.' });
      expect(extended.status).toBe(200);
      expect(send).toHaveBeenCalledTimes(1);
      expect(extended.body).toMatchObject({ extended: true, noticesPending: ['extension_notice'] });
      expect(extended.body.extension.subjectNotifiedAt).toBeUndefined();
    } finally {
      send.mockRestore();
    }
    expect((await session.flow.mailsFor(requestId)).filter((m) => isExtensionNotice.test(m.subject))).toHaveLength(0);
    expect((await session.flow.detail(requestId)).emailsSent).not.toContain('extension_notice');
  });

  it('sends it exactly once on the retry, and the record shows when', async () => {
    const retried = await session.flow.api.admin(`/requests/${requestId}/extend`, 'POST', { reason: 'Many projects to review.' });
    expect(retried.status).toBe(200);
    expect(retried.body.noticesPending).toEqual([]);
    expect(Date.parse(retried.body.extension.subjectNotifiedAt)).toBeGreaterThanOrEqual(Date.parse(retried.body.extension.extendedAt));

    const again = await session.flow.api.admin(`/requests/${requestId}/extend`, 'POST', { reason: 'Once more.' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_extended');
    expect((await session.flow.api.admin(`/requests/${requestId}/send-notices`, 'POST')).status).toBe(200);

    const notices = (await session.flow.mailsFor(requestId)).filter((m) => isExtensionNotice.test(m.subject));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to).toEqual([email]);
    expect(notices[0]!.text).toContain('Many projects to review.');
    const request = await session.flow.detail(requestId);
    // The first sentence names the period it extends: the one-month date.
    expect(notices[0]!.text).toMatch(/We would normally have to reply to your request by \d+ \w+ \d{4}\./);
    expect(request.audit.filter((e: any) => e.type === 'extended')).toHaveLength(1);
    expect(request.audit.filter((e: any) => e.type === 'email_sent' && e.details.kind === 'extension_notice')).toHaveLength(1);
  });
});

describe('extending a closed request', () => {
  it('is 409 request_closed and emails nobody', async () => {
    const email = 'closed-extend@example.org';
    const requestId = await session.flow.submit({ type: 'access', email });
    await session.flow.confirmIdentity(requestId, email);
    await session.flow.waitForStatus(requestId, 'completed_no_data');
    const refused = await session.flow.api.admin(`/requests/${requestId}/extend`, 'POST', { reason: 'Too late.' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('request_closed');
    const request = await session.flow.detail(requestId);
    expect(request.extension).toBeNull();
    expect((await session.flow.mailsFor(requestId)).filter((m) => isExtensionNotice.test(m.subject))).toHaveLength(0);
  });
});
