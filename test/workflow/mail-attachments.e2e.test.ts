import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { s3Client } from '../../functions/shared/aws-clients.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { captureLogsOfFile } from '../functions/shared/capture-logs.js';
import { journeyOn } from './journey.js';
import { smtpOn } from './smtp.js';
import { eventually, startEmbedded } from './target.js';

const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

/**
 * Attachments of mail to the privacy address, sent by real SMTP to the local SES inbound:
 * stored decoded beside the raw message, listed on the request, downloadable by the privacy
 * team only (a 5-minute presigned link, always as a download), and deleted with the raw
 * message when the person's erasure is carried out.
 */
const logs = captureLogsOfFile();
const session = journeyOn(startEmbedded);
const { send } = smtpOn(session);
let bucket: string;
beforeAll(() => {
  const { runtime } = session.target.local!;
  bucket = String(runtime.resolve(runtime.template.Outputs!.InboundMailBucketName!.Value));
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]), Buffer.from('\n%%EOF\n')]);
const HTML = Buffer.from('<html><body><script>fetch("/admin/requests")</script><p>Mijn brief</p></body></html>');

async function requestWithSubject(subject: string) {
  return eventually(async () => {
    const open = (await session.flow.api.admin('/requests?status=open&limit=100')).body.items as any[];
    for (const item of open.filter((candidate) => candidate.channel === 'email')) {
      const detail = await session.flow.detail(item.requestId);
      if (detail.mail?.subject === subject) return detail;
    }
    return undefined;
  }, `request "${subject}"`);
}

async function objectOf(key: string) {
  const object = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return { bytes: Buffer.from(await object.Body!.transformToByteArray()), contentType: object.ContentType };
}

/** The intake files the request, then stores its attachments: until the last one is there. */
const stored = (key: string) => eventually(async () => (await exists(key)) || undefined, `${key} stored`);

async function exists(key: string): Promise<boolean> {
  try {
    await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotFound') return false;
    throw error;
  }
}

const attachmentPath = (requestId: string, mailId: string, part: number | string) => `/requests/${requestId}/mail/${mailId}/attachments/${part}`;

describe.sequential('attachments of mail to the privacy address (real SMTP)', () => {
  let adaRequest: any;
  let bramRequest: any;

  it('stores each attachment decoded under inbound/attachments/<mail id>/<part> with its type, and lists name, type, size and part', async () => {
    await send({
      from: ada.email,
      subject: 'Mijn gegevens, met brief',
      text: 'Zie de bijlagen.',
      attachments: [
        { filename: 'brief.pdf', content: PDF, contentType: 'application/pdf' },
        { filename: 'brief.html', content: HTML, contentType: 'text/html' },
        { filename: '../../"evil".svg', content: Buffer.from('<svg onload="alert(1)"/>'), contentType: 'image/svg+xml' },
      ],
    });
    adaRequest = await requestWithSubject('Mijn gegevens, met brief');
    const { mail } = adaRequest;
    await stored(`inbound/attachments/${mail.mailId}/3`);
    expect(mail.mailId).toMatch(/^[a-z0-9]+$/);
    expect(mail.attachments).toEqual([
      { part: 1, name: 'brief.pdf', contentType: 'application/pdf', bytes: PDF.length },
      { part: 2, name: 'brief.html', contentType: 'text/html', bytes: HTML.length },
      { part: 3, name: '../../"evil".svg', contentType: 'image/svg+xml', bytes: 24 },
    ]);
    expect(await objectOf(`inbound/attachments/${mail.mailId}/1`)).toEqual({ bytes: PDF, contentType: 'application/pdf' });
    expect(await objectOf(`inbound/attachments/${mail.mailId}/2`)).toEqual({ bytes: HTML, contentType: 'text/html' });
    // The raw message stays as it came, beside them.
    expect(await exists(`inbound/${mail.mailId}`)).toBe(true);
  });

  it('gives the privacy team a 5-minute presigned link that downloads the bytes sent, as an attachment, never inline', async () => {
    const { requestId, mail } = adaRequest;
    const before = Date.now();
    const answer = await session.flow.api.admin(attachmentPath(requestId, mail.mailId, 1));
    expect(answer.status).toBe(200);
    expect(Date.parse(answer.body.expiresAt) - before).toBeGreaterThan(290_000);
    expect(Date.parse(answer.body.expiresAt) - before).toBeLessThanOrEqual(301_000);
    expect(new URL(answer.body.url).searchParams.get('X-Amz-Expires')).toBe('300');
    const pdf = await fetch(answer.body.url);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer())).toEqual(PDF);
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="brief.pdf"; filename*=UTF-8''brief.pdf`);

    // An HTML or SVG attachment is a download too: it never runs in a browser's page.
    const html = await fetch((await session.flow.api.admin(attachmentPath(requestId, mail.mailId, 2))).body.url);
    expect(Buffer.from(await html.arrayBuffer())).toEqual(HTML);
    expect(html.headers.get('content-disposition')).toMatch(/^attachment; filename="brief\.html"/);
    const svg = await fetch((await session.flow.api.admin(attachmentPath(requestId, mail.mailId, 3))).body.url);
    expect(svg.headers.get('content-disposition')).toBe(`attachment; filename="_evil_.svg"; filename*=UTF-8''%22evil%22.svg`);
  });

  it('audits each download: who and which part, no file name', async () => {
    const detail = await session.flow.detail(adaRequest.requestId);
    const downloads = detail.audit.filter((event: any) => event.type === 'attachment_downloaded');
    expect(downloads).toHaveLength(3);
    expect(downloads[0]).toMatchObject({ actor: 'privacy-team@localhost', details: { mailId: adaRequest.mail.mailId, part: 1 } });
    expect(JSON.stringify(downloads)).not.toContain('brief');
  });

  it('answers 401 without the admin token, and changes nothing', async () => {
    const { requestId, mail } = adaRequest;
    const response = await session.flow.api.call(`/admin${attachmentPath(requestId, mail.mailId, 1)}`);
    expect(response.status).toBe(401);
    const detail = await session.flow.detail(requestId);
    expect(detail.audit.filter((event: any) => event.type === 'attachment_downloaded')).toHaveLength(3);
  });

  it('answers 404 attachment_not_found for another request’s attachment, an unknown mail, part or request', async () => {
    await send({
      from: bram.email,
      subject: 'Verwijder alles',
      text: 'Verwijder al mijn gegevens. Mijn paspoort zit erbij.',
      attachments: [{ filename: 'paspoort.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    bramRequest = await requestWithSubject('Verwijder alles');
    await stored(`inbound/attachments/${bramRequest.mail.mailId}/1`);
    const { requestId, mail } = adaRequest;
    for (const path of [
      attachmentPath(requestId, bramRequest.mail.mailId, 1),
      attachmentPath(requestId, mail.mailId, 4),
      attachmentPath(requestId, mail.mailId, 0),
      attachmentPath(requestId, mail.mailId, 'x'),
      attachmentPath(requestId, 'nosuchmail', 1),
      attachmentPath('dsr_mgx3k2ab0123456789abcdef0123', mail.mailId, 1),
    ]) {
      const response = await session.flow.api.admin(path);
      expect(response.status, path).toBe(404);
      expect(response.body.error.code, path).toBe('attachment_not_found');
    }
  });

  it('lists attachments beyond the count limit as not stored, and offers no download for them', async () => {
    const many = Array.from({ length: 21 }, (_, n) => ({ filename: `scan-${n + 1}.jpg`, content: Buffer.from([n]), contentType: 'image/jpeg' }));
    await send({ from: ada.email, subject: 'Veel scans', text: 'Alle pagina’s.', attachments: many });
    const request = await requestWithSubject('Veel scans');
    expect(request.mail.attachments).toHaveLength(21);
    expect(request.mail.attachments[19]).not.toHaveProperty('notStored');
    expect(request.mail.attachments[20]).toEqual({ part: 21, name: 'scan-21.jpg', contentType: 'image/jpeg', bytes: 1, notStored: 'count_limit' });
    await stored(`inbound/attachments/${request.mail.mailId}/20`);
    expect(await exists(`inbound/attachments/${request.mail.mailId}/21`)).toBe(false);
    const refused = await session.flow.api.admin(attachmentPath(request.requestId, request.mail.mailId, 21));
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('attachment_not_found');
  });

  it('files a mail with more attachments than a record can list: the first 100 listed, the others counted', async () => {
    // Names of 240 characters: listing all 1,500 would make the request item larger than DynamoDB's 400 KB.
    const flood = Array.from({ length: 1500 }, (_, n) => ({ filename: `${String(n + 1).padStart(4, '0')}${'x'.repeat(236)}.txt`, content: Buffer.from('x'), contentType: 'text/plain' }));
    await send({ from: ada.email, subject: 'Heel veel bijlagen', text: 'Zie bijlagen.', attachments: flood });
    const request = await requestWithSubject('Heel veel bijlagen');
    expect(request.mail.attachments).toHaveLength(100);
    expect(request.mail.attachments[99]).toMatchObject({ part: 100, notStored: 'count_limit' });
    expect(request.mail.attachmentsNotListed).toBe(1400);
  });

  it('stores the attachments of a reply that joins a request, downloadable under the reply’s mail id', async () => {
    const [ack] = (await session.flow.mailsFor(bramRequest.requestId)).filter((m) => /received your privacy request/.test(m.subject));
    await send({ from: bram.email, subject: `Re: ${ack!.subject}`, text: 'Nog een bijlage.', attachments: [{ filename: 'rijbewijs.pdf', content: PDF, contentType: 'application/pdf' }] });
    const request = await session.flow.waitFor(bramRequest.requestId, (r) => r.messages.length === 1, 'the reply joined');
    const [reply] = request.messages;
    expect(reply.attachments).toEqual([{ part: 1, name: 'rijbewijs.pdf', contentType: 'application/pdf', bytes: PDF.length }]);
    const link = await session.flow.api.admin(attachmentPath(bramRequest.requestId, reply.mailId, 1));
    expect(link.status).toBe(200);
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer())).toEqual(PDF);
  });

  it('deletes the person’s received mail and its attachments when their erasure is carried out; the record keeps the text', async () => {
    const { requestId } = bramRequest;
    const reply = (await session.flow.detail(requestId)).messages[0];
    const keys = [
      `inbound/${bramRequest.mail.mailId}`,
      `inbound/attachments/${bramRequest.mail.mailId}/1`,
      `inbound/${reply.mailId}`,
      `inbound/attachments/${reply.mailId}/1`,
    ];
    for (const key of keys) expect(await exists(key), key).toBe(true);
    await session.flow.confirmIdentity(requestId, bram.email);
    await session.flow.waitFor(requestId, (r) => r.pendingStep === 'triage', 'pending triage');
    expect((await session.flow.api.admin(`/requests/${requestId}/triage`, 'POST', { types: ['erasure'] })).status).toBe(200);
    await session.flow.waitFor(requestId, (r) => r.pendingStep === 'review', 'pending review');
    expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
    const done = await session.flow.waitForStatus(requestId, 'completed');
    for (const key of keys) expect(await exists(key), key).toBe(false);
    expect(done.mail.text).toContain('Verwijder al mijn gegevens');
    expect(done.audit.find((event: any) => event.type === 'received_mail_erased')?.details).toEqual({ requestIds: [requestId], objects: 4 });
    // Ada's mail is not hers to erase.
    expect(await exists(`inbound/attachments/${adaRequest.mail.mailId}/1`)).toBe(true);
    const gone = await session.flow.api.admin(attachmentPath(requestId, bramRequest.mail.mailId, 1));
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('attachment_not_found');
  });

  it('deletes the mail of an erasure request that found no data (no account, no earlier request): the reply says only the record is kept', async () => {
    const stranger = 'stranger@example.org';
    await send({ from: stranger, subject: 'Wis mij', text: 'Verwijder alles over mij.', attachments: [{ filename: 'id-kaart.pdf', content: PDF, contentType: 'application/pdf' }] });
    const request = await requestWithSubject('Wis mij');
    const keys = [`inbound/${request.mail.mailId}`, `inbound/attachments/${request.mail.mailId}/1`];
    await stored(keys[1]!);
    await session.flow.confirmIdentity(request.requestId, stranger);
    await session.flow.waitFor(request.requestId, (r) => r.pendingStep === 'triage', 'pending triage');
    expect((await session.flow.api.admin(`/requests/${request.requestId}/triage`, 'POST', { types: ['erasure'] })).status).toBe(200);
    const closed = await session.flow.waitForStatus(request.requestId, 'completed_no_data');
    const reply = (await session.flow.mailsFor(request.requestId)).find((m) => /no account found/.test(m.subject));
    expect(reply?.text).toContain('We keep only the record of this request itself');
    await eventually(async () => ((await session.flow.detail(request.requestId)).audit.some((event: any) => event.type === 'received_mail_erased') ? true : undefined), 'the mail erased');
    for (const key of keys) expect(await exists(key), key).toBe(false);
    expect(closed.mail.text).toContain('Verwijder alles over mij');
  });

  it('logs no attachment name', () => {
    expect(logs.lines.some((line) => line.includes('mail accepted'))).toBe(true);
    for (const name of ['brief.pdf', 'brief.html', 'evil', 'paspoort', 'rijbewijs', 'scan-21', 'id-kaart']) {
      expect(logs.lines.filter((line) => line.includes(name)), name).toEqual([]);
    }
  });
});
