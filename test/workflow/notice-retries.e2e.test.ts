import { afterEach, describe, expect, it, vi } from 'vitest';
import { sesClient } from '../../functions/shared/aws-clients.js';
import { NOTICE_SENDER_STATES } from '../../lib/constructs/notice-sender.js';
import { NOTICE_RETRY } from '../../lib/constructs/step-retries.js';
import { journeyOn } from './journey.js';
import { onLocalStack, startEmbedded } from './target.js';

/**
 * A notice queued by an action goes out without anyone acting: its sender (the "send
 * notices" state machine) retries it, and tells the privacy team when it cannot. The
 * sender's first wait and its retries are shortened here by state name; the wait stays
 * long enough that the action's own send comes first, as in AWS.
 */
const session = journeyOn(() =>
  startEmbedded({
    waitTimeOverrides: { [NOTICE_SENDER_STATES.wait]: 1_000 },
    retryIntervalOverrides: { [NOTICE_SENDER_STATES.send]: 20, [NOTICE_SENDER_STATES.tellTeam]: 0 },
  }),
);

const TEAM = 'privacy-team@kiara-api.com';
const isExtensionNotice = /more time/;
const isNoticeFailure = /Notice not sent/;

/**
 * Makes the handlers' shared SES client fail the next `times` sends to `address` with an
 * error of that name (the mail provider's answer); every other send goes through.
 */
function failSendsTo(address: string, times: number, errorName: string) {
  const client = sesClient();
  const original = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let failures = 0;
  vi.spyOn(client, 'send').mockImplementation((async (command: { input?: { Destination?: { ToAddresses?: string[] } } }, ...rest: unknown[]) => {
    if (command.input?.Destination?.ToAddresses?.includes(address) && failures < times) {
      failures++;
      throw Object.assign(new Error('refused by the test'), { name: errorName });
    }
    return original(command, ...rest);
  }) as never);
  return { failures: () => failures };
}

afterEach(() => vi.restoreAllMocks());

/** A request whose acknowledgement is out, extended by the team: its notice is queued. */
async function extendedRequest(email: string) {
  const requestId = await session.flow.submit({ type: 'access', email });
  await session.flow.identityLink(requestId, email);
  return requestId;
}

const extend = (requestId: string) => session.flow.api.admin(`/requests/${requestId}/extend`, 'POST', { reason: 'Many projects to review.' });

describe.skipIf(onLocalStack).sequential('notices sent by their sender, with no one acting', () => {
  it('sends an extension notice whose first three sends failed exactly once, and records when (SES client mocked to fail 3 times)', async () => {
    const email = 'notice-retried@example.org';
    const requestId = await extendedRequest(email);
    const ses = failSendsTo(email, 3, 'ServiceUnavailable');
    const extended = await extend(requestId);
    expect(extended.status).toBe(200);
    // The action's own send failed: the console shows the notice pending.
    expect(extended.body.noticesPending).toEqual(['extension_notice']);

    const sent = await session.flow.waitFor(requestId, (r) => r.noticesPending.length === 0, 'the notice sent by its sender');
    expect(ses.failures()).toBe(3);
    expect(Date.parse(sent.extension.subjectNotifiedAt)).toBeGreaterThanOrEqual(Date.parse(sent.extension.extendedAt));
    expect(sent.emailsSent).toContain('extension_notice');
    const notices = (await session.flow.mailsFor(requestId)).filter((m) => isExtensionNotice.test(m.subject));
    expect(notices.map((m) => m.to)).toEqual([[email]]);
    expect(sent.audit.filter((e: any) => e.type === 'email_sent' && e.details.kind === 'extension_notice')).toHaveLength(1);
    expect((await session.flow.mailsFor(requestId)).filter((m) => isNoticeFailure.test(m.subject))).toEqual([]);
  });

  it('does not retry a notice SES refuses (SES client mocked to reject it): the team is emailed once, the notice stays pending, send-notices sends it', async () => {
    const email = 'notice-rejected@example.org';
    const requestId = await extendedRequest(email);
    const ses = failSendsTo(email, Number.POSITIVE_INFINITY, 'MessageRejected');
    expect((await extend(requestId)).status).toBe(200);

    const failed = await session.flow.waitFor(requestId, (r) => r.audit.some((e: any) => e.type === 'notice_failed'), 'the team told');
    // The action's try and the sender's one: a refusal is not retried.
    expect(ses.failures()).toBe(2);
    expect(failed.noticesPending).toEqual(['extension_notice']);
    expect(failed.extension.subjectNotifiedAt).toBeUndefined();
    expect(failed.audit.find((e: any) => e.type === 'notice_failed').details).toEqual({ notice: 'extension_notice', error: 'MessageRejected' });
    const told = (await session.flow.mailsFor(requestId)).filter((m) => isNoticeFailure.test(m.subject));
    expect(told.map((m) => m.to)).toEqual([[TEAM]]);
    expect(told[0]!.text).toContain('MessageRejected');
    expect(told[0]!.text).not.toContain(email);

    vi.restoreAllMocks();
    const sent = await session.flow.api.admin(`/requests/${requestId}/send-notices`, 'POST');
    expect(sent.status).toBe(200);
    expect(sent.body.noticesPending).toEqual([]);
    const notices = (await session.flow.mailsFor(requestId)).filter((m) => isExtensionNotice.test(m.subject));
    expect(notices.map((m) => m.to)).toEqual([[email]]);
  });

  it(`gives up after ${NOTICE_RETRY.maxAttempts} retries and tells the team once (SES client mocked to throttle every send to the requester)`, async () => {
    const email = 'notice-throttled@example.org';
    const requestId = await extendedRequest(email);
    const ses = failSendsTo(email, Number.POSITIVE_INFINITY, 'Throttling');
    expect((await extend(requestId)).status).toBe(200);

    const failed = await session.flow.waitFor(requestId, (r) => r.audit.some((e: any) => e.type === 'notice_failed'), 'the team told');
    // The action's try, the sender's first and its retries: bounded.
    expect(ses.failures()).toBe(2 + NOTICE_RETRY.maxAttempts!);
    expect(failed.noticesPending).toEqual(['extension_notice']);
    expect((await session.flow.mailsFor(requestId)).filter((m) => isNoticeFailure.test(m.subject)).map((m) => m.to)).toEqual([[TEAM]]);
    expect((await session.flow.mailsFor(requestId)).filter((m) => isExtensionNotice.test(m.subject))).toEqual([]);
  });
});
