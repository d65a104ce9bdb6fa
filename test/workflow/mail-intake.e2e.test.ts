import { describe, expect, it, vi } from 'vitest';
import { captureLogsOfFile } from '../functions/shared/capture-logs.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { readMailbox } from '../../lib/local-runtime/mailbox.js';
import { journeyOn } from './journey.js';
import { smtpOn } from './smtp.js';
import { eventually, startEmbedded } from './target.js';

const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  // The local runtime turns metrics off; here they are read as CloudWatch would (EMF lines).
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
});

const logs = captureLogsOfFile();
const session = journeyOn(startEmbedded);
const { send } = smtpOn(session);

/** Email requests in the admin queue, newest first; details of each. */
async function emailRequests(): Promise<any[]> {
  const open = (await session.flow.api.admin('/requests?status=open&limit=100')).body.items;
  const closed = (await session.flow.api.admin('/requests?status=closed&limit=100')).body.items;
  const ids = [...open, ...closed].filter((item: any) => item.channel === 'email').map((item: any) => item.requestId as string);
  return Promise.all(ids.map((id) => session.flow.detail(id)));
}

async function requestWithSubject(subject: string) {
  return eventually(async () => (await emailRequests()).find((request) => request.mail?.subject === subject), `request "${subject}"`);
}

describe('the privacy mailbox on the local runtime (real SMTP)', () => {
  let requestId: string;

  it('refuses mail for any other address at SMTP', async () => {
    await expect(send({ from: ada.email, to: 'sales@kiara-api.com', subject: 'hello' })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('files a new mail as an email request from the sender, counted from its arrival, and acknowledges it', async () => {
    const before = Date.now();
    await send({
      from: `"Ada" <${ada.email.toUpperCase()}>`,
      subject: 'My data please',
      text: 'Please send me a copy of all my data.',
      attachments: [{ filename: 'passport-ada.pdf', content: Buffer.from('%PDF-1.4') }],
    });
    const request = await requestWithSubject('My data please');
    requestId = request.requestId;
    expect(request).toMatchObject({
      channel: 'email',
      types: [],
      contactEmail: ada.email,
      name: 'Ada',
      mail: {
        flags: [],
        verdicts: { spf: 'PROCESSING_FAILED', dkim: 'PROCESSING_FAILED', dmarc: 'PROCESSING_FAILED', spam: 'PROCESSING_FAILED', virus: 'PROCESSING_FAILED' },
        htmlOnly: false,
        attachments: [{ name: 'passport-ada.pdf', contentType: 'application/pdf', bytes: 8 }],
      },
    });
    expect(request.mail.text).toContain('a copy of all my data');
    expect(Date.parse(request.receivedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(request.receivedAt)).toBeLessThanOrEqual(Date.now());
    const link = await session.flow.identityLink(requestId, ada.email);
    expect(link).toMatch(/\/v1\/verify\//);
    const [ack] = (await session.flow.mailsFor(requestId)).filter((m) => /received your privacy request/.test(m.subject));
    expect(ack!.subject).toContain(`[${requestId}]`);
    expect(ack!.text).toContain('Our privacy team reads your message');
  });

  it('adds a reply to the acknowledgement to the request’s timeline: no new request, no step resumed', async () => {
    const [ack] = (await session.flow.mailsFor(requestId)).filter((m) => /received your privacy request/.test(m.subject));
    const countBefore = (await emailRequests()).length;
    await send({ from: ada.email, subject: `Re: ${ack!.subject}`, text: 'I also moved house last year.' });
    const request = await session.flow.waitFor(
      requestId,
      (r) => r.messages.length === 1 && r.audit.some((event: any) => event.type === 'message_received'),
      'the reply on the timeline',
    );
    expect(request.messages[0]).toMatchObject({ fromContact: true, text: expect.stringContaining('moved house') });
    expect(request.audit.filter((event: any) => event.type === 'message_received')).toHaveLength(1);
    expect(request).toMatchObject({ status: 'awaiting_identity', pendingStep: 'verify_identity' });
    expect(await emailRequests()).toHaveLength(countBefore);
  });

  it('joins a reply whose subject lost its tag by its In-Reply-To: the Message-ID SES gave the acknowledgement', async () => {
    // SES's header is <MessageId@region.amazonses.com>; the local SES records the MessageId it answered.
    const ack = (await readMailbox(session.target.local!.mailboxUrl)).find((m) => m.subject.includes(`[${requestId}]`) && /received your privacy request/.test(m.subject));
    const sentAs = `<${ack!.messageId}@eu-west-1.amazonses.com>`;
    const countBefore = (await emailRequests()).length;
    await send({ from: ada.email, subject: 'Re: your email', text: 'My old address was in Utrecht.', inReplyTo: sentAs, references: ['<first@mail.example.com>', sentAs] });
    const request = await session.flow.waitFor(requestId, (r) => r.messages.length === 2, 'the header-threaded reply on the timeline');
    expect(request.messages[1]).toMatchObject({ subject: 'Re: your email', fromContact: true, text: expect.stringContaining('Utrecht') });
    expect(request).toMatchObject({ status: 'awaiting_identity', pendingStep: 'verify_identity' });
    expect(await emailRequests()).toHaveLength(countBefore);
  });

  it('files a mail with neither the subject tag nor a header naming our email as a new request', async () => {
    await send({ from: ada.email, subject: 'Re: a question about my account', text: 'Which data do you keep?', inReplyTo: '<elsewhere-1@mail.example.com>' });
    const request = await requestWithSubject('Re: a question about my account');
    expect(request.requestId).not.toBe(requestId);
    expect(request.messages).toEqual([]);
  });

  it('reads an HTML-only message as plain text, for the team and the suggestion', async () => {
    await send({ from: bram.email, subject: 'Alleen HTML', html: '<p>Beste team,</p><p>Verwijder <b>al mijn gegevens</b>.</p><script>alert(1)</script>' });
    const request = await requestWithSubject('Alleen HTML');
    expect(request.mail).toMatchObject({ htmlOnly: true, text: 'Beste team,\n\nVerwijder al mijn gegevens.' });
    expect(request.suggestedTypes).toEqual(['erasure']);
  });

  it('waits for the team’s triage after the identity link, then runs as the rights the team names', async () => {
    const early = await session.flow.api.admin(`/requests/${requestId}/triage`, 'POST', { types: ['access'] });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('no_pending_step');
    await session.flow.confirmIdentity(requestId, ada.email);
    const waiting = await session.flow.waitFor(requestId, (r) => r.pendingStep === 'triage', 'pending triage');
    expect(waiting.status).toBe('awaiting_triage');
    expect(waiting.suggestedTypes).toEqual(['access']);
    const invalid = await session.flow.api.admin(`/requests/${requestId}/triage`, 'POST', { types: ['everything'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation_failed');
    expect((await session.flow.api.admin(`/requests/${requestId}/triage`, 'POST', { types: ['access'] })).status).toBe(200);
    const again = await session.flow.api.admin(`/requests/${requestId}/triage`, 'POST', { types: ['erasure'] });
    expect(again.status).toBe(409);
    const reviewing = await session.flow.waitFor(requestId, (r) => r.pendingStep === 'review', 'pending review');
    expect(reviewing).toMatchObject({ types: ['access'], triage: { types: ['access'] } });
    expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
    await session.flow.waitForStatus(requestId, 'completed');
    const ready = (await session.flow.mailsFor(requestId)).find((m) => /ready to download/.test(m.subject));
    expect(ready?.to).toEqual([ada.email]);
    expect(ready?.text).toMatch(/\/v1\/downloads\//);
  });

  it('dismisses a mail that is no rights request: it closes at its step, with only the team’s reply', async () => {
    await send({ from: bram.email, subject: 'Invoice question', text: 'Why was I charged twice?' });
    const request = await requestWithSubject('Invoice question');
    await session.flow.waitFor(request.requestId, (r) => r.pendingStep === 'verify_identity', 'pending identity');
    const dismissed = await session.flow.api.admin(`/requests/${request.requestId}/dismiss`, 'POST', {
      reason: 'support question',
      reply: 'Our support desk answers billing questions at support@kiara-api.com.',
    });
    expect(dismissed.status).toBe(200);
    const closed = await session.flow.waitForStatus(request.requestId, 'dismissed');
    expect(closed.dismissal).toMatchObject({ reason: 'support question' });
    expect((await session.flow.api.admin(`/requests/${request.requestId}/dismiss`, 'POST', { reason: 'again' })).status).toBe(409);
    const mails = await session.flow.mailsFor(request.requestId);
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/received your privacy request/),
      expect.stringMatching(/Your email to our privacy address/),
    ]);
    expect(mails[1]!.text).toContain('Our support desk answers billing questions');
    // The workflow ended at its Close: nothing was looked up or collected.
    expect(closed.audit.map((event: any) => event.type)).not.toContain('subject_resolved');
    expect(closed.stores).toEqual([]);
  });

  it('files the same Message-ID delivered twice as one request', async () => {
    const messageId = '<same-1@mail.example.nl>';
    await send({ from: bram.email, subject: 'Verwijder mijn account', text: 'Graag alles wissen.', messageId });
    await send({ from: bram.email, subject: 'Verwijder mijn account', text: 'Graag alles wissen.', messageId });
    await requestWithSubject('Verwijder mijn account');
    // Both deliveries have been handled once the second's message is in the bucket and read.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await emailRequests()).filter((r) => r.mail?.subject === 'Verwijder mijn account')).toHaveLength(1);
  });

  it('keeps an oversized message, flagged for the team, and sends it no acknowledgement', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 'a');
    await send({ from: 'someone@example.org', subject: 'huge', text: 'see attachment', attachments: [{ filename: 'big.bin', content: big }] });
    const request = await eventually(
      async () => (await emailRequests()).find((r) => r.mail?.flags.includes('oversized')),
      'the oversized message as a request',
    );
    expect(request).toMatchObject({ status: 'awaiting_triage', pendingStep: 'triage', contactEmail: 'someone@example.org' });
    expect(request.mail.bytes).toBeGreaterThan(11 * 1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await session.target.mail()).filter((m) => m.to.includes('someone@example.org'))).toEqual([]);
    // Held mail runs no workflow: the team's dismissal closes it.
    expect((await session.flow.api.admin(`/requests/${request.requestId}/dismiss`, 'POST', { reason: 'unreadable spam' })).status).toBe(200);
    expect((await session.flow.detail(request.requestId)).status).toBe('dismissed');
  });

  it('rate-limits a flood from one sender like the webhook: the eleventh new mail within the hour is not filed and gets no acknowledgement', async () => {
    const flooder = 'flood@example.org';
    for (let n = 1; n <= 11; n++) await send({ from: flooder, subject: `Flood ${n}`, text: `Request number ${n}.` });
    const filed = async () => (await emailRequests()).filter((r) => r.contactEmail === flooder);
    // Deliveries run concurrently, so any one of the eleven may be the one refused.
    await eventually(async () => (logs.lines.some((line) => line.includes('mail rate-limited')) ? true : undefined), 'the rate-limit warning');
    await eventually(async () => ((await filed()).length === 10 ? true : undefined), 'ten requests from the flooding sender');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await filed()).toHaveLength(10);
    const acknowledged = await eventually(async () => {
      const acks = (await session.target.mail()).filter((m) => m.to.includes(flooder) && /received your privacy request/.test(m.subject));
      return acks.length >= 10 ? acks : undefined;
    }, 'the ten acknowledgements');
    expect(acknowledged).toHaveLength(10);
  });

  it('never leaves mail it did not file unseen: the queue lists each with its key and time (no address), and the alarm metric counts it', async () => {
    const unfiled = async () => (await session.flow.api.admin('/requests?status=open&limit=1')).body.unfiledMail;
    // The eleventh mail of the flood above.
    const [flooded] = (await unfiled()).items;
    expect(flooded).toEqual({ mailId: expect.any(String), objectKey: `inbound/${flooded.mailId}`, receivedAt: expect.any(String), senderKnown: true, flags: [] });
    expect(JSON.stringify(await unfiled())).not.toContain('flood@example.org');
    // Mail without a usable sender shares one limit: ten are held for triage, the eleventh is not filed.
    const before = await emailRequests();
    for (let n = 1; n <= 11; n++) await send({ from: '', subject: `No sender ${n}`, text: `Anonymous request ${n}.` });
    const page = await eventually(async () => {
      const { items, more } = await unfiled();
      return items.length === 2 ? { items, more } : undefined;
    }, 'the mail without a sender that was not filed');
    expect(page.more).toBe(false);
    expect(page.items.find((item: any) => item.mailId !== flooded.mailId)).toMatchObject({ senderKnown: false, flags: [] });
    await eventually(async () => ((await emailRequests()).length - before.length === 10 ? true : undefined), 'ten held mails without a sender');
    expect(logs.lines.filter((line) => line.includes('"MailNotFiled"'))).toHaveLength(2);
  });

  it('clears an entry once the team dealt with it: no longer listed, and only once', async () => {
    const queue = async () => (await session.flow.api.admin('/requests?status=open&limit=1')).body.unfiledMail;
    const [first, second] = (await queue()).items;
    const clear = (mailId: string, body: unknown) => session.flow.api.admin(`/unfiled-mail/${mailId}/clear`, 'POST', body);
    expect((await clear(first.mailId, { note: '' })).body.error.code).toBe('validation_failed');
    const cleared = await clear(first.mailId, { note: 'Spam from a flooding sender; no request in it.' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual({ items: [second], more: false });
    expect(await queue()).toEqual({ items: [second], more: false });
    const again = await clear(first.mailId, { note: 'once more' });
    expect([again.status, again.body.error.code]).toEqual([404, 'unfiled_mail_not_found']);
    expect((await clear('no-such-mail', { note: 'x' })).status).toBe(404);
  });

  it('logs no address, subject, body or attachment name', () => {
    expect(logs.lines.some((line) => line.includes('mail accepted'))).toBe(true);
    expect(logs.lines.some((line) => line.includes('mail joined its request'))).toBe(true);
    expect(logs.withEmail()).toEqual([]);
    for (const secret of ['My data please', 'copy of all my data', 'passport-ada.pdf', 'moved house', 'Verwijder', 'huge']) {
      expect(logs.lines.filter((line) => line.includes(secret)), secret).toEqual([]);
    }
  });
});
