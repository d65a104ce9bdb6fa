import { describe, expect, it } from 'vitest';
import { planMail, type InboundMail } from '../../../../functions/core/mail/inbound.js';
import { readMessage } from '../../../../functions/core/mail/message.js';
import { unfiledMailOf } from '../../../../functions/core/mail/unfiled.js';

const message = new TextEncoder().encode(
  'From: "Ada Lovelace" <ada@example.com>\r\nTo: privacy@kiara-api.com\r\nSubject: Delete my account\r\n\r\nPlease erase everything.\r\n',
);
const inbound = (overrides: Partial<InboundMail>): InboundMail => ({
  mailId: 'ses-7',
  receivedAt: '2026-11-30T23:59:00.000Z',
  mailPrefix: 'inbound/',
  objectKey: 'inbound/ses-7',
  bytes: 120,
  verdicts: { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' },
  ...overrides,
});

describe('unfiledMailOf', () => {
  it('keeps where the mail lies, when it came and that it had a sender: never the address, name, subject or text', async () => {
    const mail = inbound({ content: await readMessage(message) });
    const entry = unfiledMailOf(mail, planMail(mail));
    expect(entry).toEqual({ mailId: 'ses-7', objectKey: 'inbound/ses-7', receivedAt: '2026-11-30T23:59:00.000Z', senderKnown: true, flags: [] });
    for (const personal of ['ada@example.com', 'Lovelace', 'Delete my account', 'erase']) expect(JSON.stringify(entry)).not.toContain(personal);
  });

  it('says when a mail had no usable sender, with the hold flags of an unreadable one', () => {
    const mail = inbound({ envelopeFrom: '<>', unreadable: 'malformed' });
    expect(unfiledMailOf(mail, planMail(mail))).toMatchObject({ senderKnown: false, flags: ['malformed'] });
  });
});
