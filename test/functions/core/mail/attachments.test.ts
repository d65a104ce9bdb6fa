import { describe, expect, it } from 'vitest';
import {
  downloadDisposition,
  MAX_LISTED_ATTACHMENTS,
  MAX_STORED_ATTACHMENT_BYTES,
  MAX_STORED_ATTACHMENTS,
  planAttachments,
  mailObjectKeys,
  storedContentType,
} from '../../../../functions/core/mail/attachments.js';
import { planMail } from '../../../../functions/core/mail/inbound.js';
import type { ReadAttachment } from '../../../../functions/core/mail/message.js';
import type { MailVerdicts } from '../../../../functions/core/mail/receipt.js';

const UNCHECKED: MailVerdicts = { spf: 'PROCESSING_FAILED', dkim: 'PROCESSING_FAILED', dmarc: 'PROCESSING_FAILED', spam: 'PROCESSING_FAILED', virus: 'PROCESSING_FAILED' };
const where = { mailPrefix: 'inbound/', mailId: 'ses-7', verdicts: UNCHECKED };
const attachment = (name: string, bytes: number, contentType = 'application/pdf'): ReadAttachment => ({ name, contentType, content: new Uint8Array(bytes).fill(7) });

describe('which attachments of a mail are stored', () => {
  it('stores each under inbound/attachments/<mail id>/<part>, decoded, with its type, and lists name, type, size and part', () => {
    const pdf = attachment('brief.pdf', 10);
    const page = attachment('page.html', 5, 'text/html');
    const { listed, writes } = planAttachments([pdf, page], where);
    expect(listed).toEqual([
      { part: 1, name: 'brief.pdf', contentType: 'application/pdf', bytes: 10 },
      { part: 2, name: 'page.html', contentType: 'text/html', bytes: 5 },
    ]);
    expect(writes).toEqual([
      { key: 'inbound/attachments/ses-7/1', contentType: 'application/pdf', content: pdf.content },
      { key: 'inbound/attachments/ses-7/2', contentType: 'text/html', content: page.content },
    ]);
    // The record holds no content.
    expect(listed.some((entry) => 'content' in entry)).toBe(false);
  });

  it(`stores at most ${MAX_STORED_ATTACHMENTS}; the others are listed as not stored (count_limit)`, () => {
    const many = Array.from({ length: MAX_STORED_ATTACHMENTS + 2 }, (_, n) => attachment(`scan-${n}.jpg`, 1, 'image/jpeg'));
    const { listed, writes } = planAttachments(many, where);
    expect(writes).toHaveLength(MAX_STORED_ATTACHMENTS);
    expect(listed).toHaveLength(MAX_STORED_ATTACHMENTS + 2);
    expect(listed.slice(-2)).toEqual([
      { part: 21, name: 'scan-20.jpg', contentType: 'image/jpeg', bytes: 1, notStored: 'count_limit' },
      { part: 22, name: 'scan-21.jpg', contentType: 'image/jpeg', bytes: 1, notStored: 'count_limit' },
    ]);
  });

  it(`lists at most ${MAX_LISTED_ATTACHMENTS} and counts the others, so the record stays within DynamoDB's item limit`, () => {
    const many = Array.from({ length: MAX_LISTED_ATTACHMENTS + 400 }, (_, n) => attachment(`${n}`.padEnd(1000, 'x'), 1));
    const { listed, notListed, writes } = planAttachments(many, where);
    expect(listed).toHaveLength(MAX_LISTED_ATTACHMENTS);
    expect(notListed).toBe(400);
    expect(writes).toHaveLength(MAX_STORED_ATTACHMENTS);
    expect(new TextEncoder().encode(JSON.stringify(listed)).byteLength).toBeLessThan(100_000);
    expect(planAttachments([attachment('a.pdf', 1)], where).notListed).toBe(0);
  });

  it('stores attachments while they fit in the size limit together; one that does not is listed as not stored (size_limit)', () => {
    const big = attachment('big.bin', MAX_STORED_ATTACHMENT_BYTES - 10, 'application/octet-stream');
    const { listed, writes } = planAttachments([big, attachment('too-much.pdf', 11), attachment('fits.pdf', 10)], where);
    expect(writes.map((write) => write.key)).toEqual(['inbound/attachments/ses-7/1', 'inbound/attachments/ses-7/3']);
    expect(listed[1]).toMatchObject({ part: 2, notStored: 'size_limit' });
    expect(listed[2]).not.toHaveProperty('notStored');
  });

  it('stores nothing of a mail SES found a virus in: every attachment is listed as not stored (virus)', () => {
    const { listed, writes } = planAttachments([attachment('invoice.exe', 3)], { ...where, verdicts: { ...UNCHECKED, virus: 'FAIL' } });
    expect(writes).toEqual([]);
    expect(listed).toEqual([{ part: 1, name: 'invoice.exe', contentType: 'application/pdf', bytes: 3, notStored: 'virus' }]);
  });

  it('stores a declared type only when it is a plain type/subtype (else bytes), and cuts a very long name', () => {
    expect(storedContentType('Application/PDF')).toBe('application/pdf');
    expect(storedContentType('image/svg+xml')).toBe('image/svg+xml');
    for (const odd of ['text/html\r\nX-Evil: 1', 'text', '', '../x/y', 'a/b c']) expect(storedContentType(odd)).toBe('application/octet-stream');
    const [listed] = planAttachments([attachment('x'.repeat(1000), 1)], where).listed;
    expect(listed!.name).toHaveLength(255);
  });

  it('names every object a mail left: its raw message and stored attachments (records from before parts were kept: the message)', () => {
    const mail = (listed: ReturnType<typeof planAttachments>['listed']) => ({ mailId: 'ses-7', objectKey: 'inbound/ses-7', attachments: listed });
    const virus = planAttachments([attachment('a.pdf', 1), attachment('b.pdf', 1)], { ...where, verdicts: { ...UNCHECKED, virus: 'FAIL' } });
    expect(mailObjectKeys('inbound/', mail(virus.listed))).toEqual(['inbound/ses-7']);
    const two = planAttachments([attachment('a.pdf', 1), attachment('b.pdf', 1)], where);
    expect(mailObjectKeys('inbound/', mail(two.listed))).toEqual(['inbound/ses-7', 'inbound/attachments/ses-7/1', 'inbound/attachments/ses-7/2']);
    expect(mailObjectKeys('inbound/', { objectKey: 'inbound/ses-0', attachments: [{ name: 'old.pdf', contentType: 'application/pdf', bytes: 3 }] })).toEqual(['inbound/ses-0']);
  });
});

describe('a received message’s plan', () => {
  it('lists its attachments on the mail record and writes their decoded content, keyed by the SES message id', () => {
    const pdf = attachment('passport.pdf', 15);
    const content = { subject: 'scan', htmlOnly: false, from: 'ada@example.com', attachments: [pdf] };
    const plan = planMail({ mailId: 'ses-7', receivedAt: '2026-06-14T22:15:00.000Z', mailPrefix: 'inbound/', objectKey: 'inbound/ses-7', bytes: 900, verdicts: UNCHECKED, content });
    expect(plan.facts).toMatchObject({ mailId: 'ses-7', attachments: [{ part: 1, name: 'passport.pdf', contentType: 'application/pdf', bytes: 15 }] });
    expect(plan.attachmentWrites).toEqual([{ key: 'inbound/attachments/ses-7/1', contentType: 'application/pdf', content: pdf.content }]);
  });
});

describe('how a stored attachment is served', () => {
  it('always as a download, named safely: an ASCII name and the UTF-8 one (RFC 6266)', () => {
    expect(downloadDisposition('brief.pdf', 1)).toBe(`attachment; filename="brief.pdf"; filename*=UTF-8''brief.pdf`);
    expect(downloadDisposition('../../"evil".svg', 2)).toBe(`attachment; filename="_evil_.svg"; filename*=UTF-8''%22evil%22.svg`);
    expect(downloadDisposition('paspoort Zoë.pdf', 3)).toBe(`attachment; filename="paspoort Zo_.pdf"; filename*=UTF-8''paspoort%20Zo%C3%AB.pdf`);
    expect(downloadDisposition('a\r\nX-Evil: 1;b%.txt', 4)).toBe(`attachment; filename="aX-Evil: 1_b_.txt"; filename*=UTF-8''aX-Evil%3A%201%3Bb%25.txt`);
    expect(downloadDisposition(null, 5)).toBe(`attachment; filename="attachment-5"; filename*=UTF-8''attachment-5`);
    expect(downloadDisposition('...', 6)).toBe(`attachment; filename="attachment-6"; filename*=UTF-8''attachment-6`);
  });
});
