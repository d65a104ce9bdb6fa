import { describe, expect, it } from 'vitest';
import { suggestRights } from '../../../functions/core/mail/classify.js';
import { planMail, type InboundMail } from '../../../functions/core/mail/inbound.js';
import { MAX_HEADER_CHARS, MAX_TEXT_CHARS, readMessage } from '../../../functions/core/mail/message.js';
import { normalizeAddress, verdictFlags, type MailVerdicts } from '../../../functions/core/mail/receipt.js';
import { referencedRequest, sentMailIdsOf, subjectTag } from '../../../functions/core/mail/reference.js';
import { acknowledgement } from '../../../functions/core/render/index.js';

const REQUEST_ID = 'dsr_mgx3k2ab0123456789abcdef0123';
const UNCHECKED: MailVerdicts = { spf: 'PROCESSING_FAILED', dkim: 'PROCESSING_FAILED', dmarc: 'PROCESSING_FAILED', spam: 'PROCESSING_FAILED', virus: 'PROCESSING_FAILED' };
const PASSING: MailVerdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' };

const raw = (headers: string, body = 'Hello, please send me all data you hold about me.') =>
  new TextEncoder().encode(`${headers.trim().replace(/\n/g, '\r\n')}\r\n\r\n${body}\r\n`);

const simple = raw(`
From: "Ada Lovelace" <  Ada@Example.COM >
To: privacy@kiara-api.com
Subject: My data
Message-ID: <abc-1@mail.example.com>
Content-Type: text/plain; charset=utf-8
`);

function mail(overrides: Partial<InboundMail> = {}): InboundMail {
  return {
    mailId: 'ses-1',
    receivedAt: '2026-06-14T22:15:00.000Z',
    mailPrefix: 'inbound/',
    objectKey: 'inbound/ses-1',
    bytes: 300,
    envelopeFrom: 'bounce@example.com',
    verdicts: UNCHECKED,
    ...overrides,
  };
}

describe('reading a message (postal-mime)', () => {
  it('gives the sender lower-cased and trimmed, the subject, the Message-ID and the plain text', async () => {
    const content = await readMessage(simple);
    expect(content).toMatchObject({
      from: 'ada@example.com',
      fromName: 'Ada Lovelace',
      subject: 'My data',
      messageId: '<abc-1@mail.example.com>',
      htmlOnly: false,
      attachments: [],
    });
    expect(content.text).toContain('send me all data');
  });

  it('never takes the HTML as text, and reads attachments by name and type, decoded', async () => {
    const multipart = raw(
      `
From: ada@example.com
Subject: scan
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"
`,
      [
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p onclick="x()">Delete <b>everything</b></p><script>alert(1)</script>',
        '--b',
        'Content-Type: application/pdf; name="passport.pdf"',
        'Content-Disposition: attachment; filename="passport.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4 twelve').toString('base64'),
        '--b--',
      ].join('\r\n'),
    );
    const content = await readMessage(multipart);
    expect(content.htmlOnly).toBe(true);
    expect(content.text).toBe('Delete everything');
    expect(content.attachments).toEqual([{ name: 'passport.pdf', contentType: 'application/pdf', content: new TextEncoder().encode('%PDF-1.4 twelve') }]);
  });

  it('gives an HTML-only message as plain text: no markup, scripts, styles or images, links as their address', async () => {
    const html = [
      '<html><head><style>p { color: red }</style></head><body>',
      '<p>Beste team,</p><p>Verwijder <b>al mijn gegevens</b> &amp; mijn account.</p>',
      '<p>Zie <a href="https://kiara-api.com/account">mijn account</a>.</p>',
      '<img src="https://tracker.example/pixel.gif" alt="pixel"><script>alert(1)</script>',
      '</body></html>',
    ].join('');
    const content = await readMessage(raw('From: bram@example.nl\nSubject: verzoek\nContent-Type: text/html; charset=utf-8', html));
    expect(content.htmlOnly).toBe(true);
    expect(content.text).toBe('Beste team,\n\nVerwijder al mijn gegevens & mijn account.\n\nZie mijn account [https://kiara-api.com/account].');
    expect(suggestRights(content.text!)).toEqual(['erasure']);
  });

  it('keeps a message’s own plain text where it has one, beside its HTML', async () => {
    const alternative = raw(
      'From: ada@example.com\nSubject: both\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="a"',
      ['--a', 'Content-Type: text/plain', '', 'The plain words.', '--a', 'Content-Type: text/html', '', '<p>The <i>HTML</i> words.</p>', '--a--'].join('\r\n'),
    );
    expect(await readMessage(alternative)).toMatchObject({ text: 'The plain words.\n', htmlOnly: false });
  });

  it('cuts a very long text for the team (the raw message stays whole)', async () => {
    const content = await readMessage(raw('From: a@b.nl\nSubject: long', 'x'.repeat(MAX_TEXT_CHARS + 500)));
    expect(content.text).toHaveLength(MAX_TEXT_CHARS);
  });

  it('cuts a subject of a megabyte and a sender name and attachment names of kilobytes, so the request stays one DynamoDB item (found by the mail fuzz)', async () => {
    const long = 'x'.repeat(1_000_000);
    const content = await readMessage(
      raw(
        `From: "${'n'.repeat(5000)}" <a@b.nl>\nSubject: ${long}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="m"`,
        ['--m', 'Content-Type: text/plain', '', 'Hallo', '--m', `Content-Disposition: attachment; filename="${'a'.repeat(5000)}.pdf"`, '', 'x', '--m--'].join('\r\n'),
      ),
    );
    expect(content.subject).toHaveLength(MAX_HEADER_CHARS);
    expect(content.fromName).toHaveLength(MAX_HEADER_CHARS);
    expect(content.attachments[0]!.name).toHaveLength(MAX_HEADER_CHARS);
  });

  it('reads an HTML-only message of tags nested thousands deep as its text, not as malformed (found by the mail fuzz)', async () => {
    const content = await readMessage(raw('From: a@b.nl\nSubject: deep\nContent-Type: text/html', `<p>Verwijder mijn account.</p>${'<div>'.repeat(20_000)}`));
    // What lies deeper is cut, shown as an ellipsis.
    expect(content).toMatchObject({ htmlOnly: true, text: 'Verwijder mijn account.\n\n...' });
  });

  it('reads the first part of a 2 MB HTML-only message of nested tags, instead of working on it for minutes (found by the mail fuzz)', async () => {
    // Converting all of it took 5 minutes of CPU: in AWS the Lambda's timeout, retries, and the mail lost.
    const content = await readMessage(raw('From: a@b.nl\nSubject: deep\nContent-Type: text/html', `<p>Verwijder mijn account.</p>${'<div>'.repeat(400_000)}`));
    expect(content).toMatchObject({ htmlOnly: true, text: 'Verwijder mijn account.\n\n...' });
  });
});

describe('verdicts', () => {
  it('holds spam, virus and failed DMARC (no backscatter to a possibly forged sender)', () => {
    expect(verdictFlags(PASSING)).toEqual([]);
    expect(verdictFlags({ ...PASSING, spam: 'FAIL' })).toEqual(['spam']);
    expect(verdictFlags({ ...PASSING, virus: 'FAIL' })).toEqual(['virus']);
    expect(verdictFlags({ ...PASSING, dmarc: 'FAIL' })).toEqual(['dmarc_fail']);
  });

  it('holds nothing for checks that were not made or were gray: the identity link still decides', () => {
    expect(verdictFlags(UNCHECKED)).toEqual([]);
    expect(verdictFlags({ ...PASSING, spam: 'GRAY', dmarc: 'GRAY', spf: 'FAIL', dkim: 'FAIL' })).toEqual([]);
  });

  it('normalizes an address or refuses what is none', () => {
    expect(normalizeAddress('  Bram@Example.NL ')).toBe('bram@example.nl');
    expect(normalizeAddress('')).toBeUndefined();
    expect(normalizeAddress('<>')).toBeUndefined();
    expect(normalizeAddress('not an address')).toBeUndefined();
  });
});

describe('a reply finds its request', () => {
  it('by the [dsr_…] tag that every email about a request carries in its subject', () => {
    expect(referencedRequest(`Re: We have received your privacy request (reference ${subjectTag(REQUEST_ID)})`)).toBe(REQUEST_ID);
    expect(referencedRequest(`AW: Antw: ${subjectTag(REQUEST_ID)}`)).toBe(REQUEST_ID);
  });

  it('not by an id without the brackets, nor by something shaped otherwise', () => {
    expect(referencedRequest(`about ${REQUEST_ID}`)).toBeUndefined();
    expect(referencedRequest('[dsr_short]')).toBeUndefined();
    expect(referencedRequest(undefined)).toBeUndefined();
  });

  it('by the SES message ids its In-Reply-To and References name: In-Reply-To first, then References newest first', async () => {
    const reply = await readMessage(
      raw(`
From: ada@example.com
Subject: Re: my data
In-Reply-To: <0102018f-bbbb@eu-west-1.amazonses.com>
References: <first@mail.example.com>
 <0102018f-aaaa@eu-west-1.amazonses.com> <0102018f-bbbb@eu-west-1.amazonses.com>
`),
    );
    expect(sentMailIdsOf(reply)).toEqual(['0102018f-bbbb', '0102018f-aaaa', 'first']);
    expect(planMail(mail({ content: reply }))).toMatchObject({ answers: undefined, answersMail: ['0102018f-bbbb', '0102018f-aaaa', 'first'] });
  });

  it('names no sent mail for a message without those headers, and at most ten ids however long References is', async () => {
    expect(sentMailIdsOf(await readMessage(simple))).toEqual([]);
    const ids = Array.from({ length: 40 }, (_, n) => `<m${n}@example.com>`).join(' ');
    expect(sentMailIdsOf(await readMessage(raw(`From: a@b.nl\nSubject: x\nReferences: ${ids}`)))).toHaveLength(10);
  });

  it('the acknowledgement subject carries the tag (EN and NL)', () => {
    for (const locale of ['en', 'nl'] as const) {
      const email = acknowledgement({
        locale,
        requestId: REQUEST_ID,
        types: ['access'],
        receivedAt: '2026-06-14T10:00:00Z',
        deadline: '2026-07-14',
        verification: null,
      });
      expect(referencedRequest(`Re: ${email.subject}`)).toBe(REQUEST_ID);
    }
  });
});

describe('planning a received message', () => {
  it('a readable message from an address becomes a request that is acknowledged, keyed by its Message-ID', async () => {
    const plan = planMail(mail({ content: await readMessage(simple) }));
    expect(plan).toMatchObject({
      answers: undefined,
      deliveryKey: 'mail:<abc-1@mail.example.com>',
      contactEmail: 'ada@example.com',
      name: 'Ada Lovelace',
      held: false,
      facts: { objectKey: 'inbound/ses-1', bytes: 300, flags: [], subject: 'My data', verdicts: UNCHECKED },
    });
  });

  it('a message SES flags waits for the team', async () => {
    const content = await readMessage(simple);
    expect(planMail(mail({ content, verdicts: { ...PASSING, dmarc: 'FAIL' } }))).toMatchObject({
      held: true,
      facts: { flags: ['dmarc_fail'] },
    });
  });

  it('an unreadable or oversized message is kept, flagged, with the envelope sender as contact', () => {
    for (const unreadable of ['malformed', 'oversized'] as const) {
      const plan = planMail(mail({ unreadable }));
      expect(plan).toMatchObject({ held: true, contactEmail: 'bounce@example.com', deliveryKey: 'mail:ses-1', facts: { flags: [unreadable] } });
    }
  });

  it('a message with no address to answer waits for the team', () => {
    expect(planMail(mail({ envelopeFrom: '<>', unreadable: 'malformed' }))).toMatchObject({ held: true, contactEmail: '' });
  });

  it('names the request a reply answers', async () => {
    const reply = await readMessage(raw(`From: ada@example.com\nSubject: Re: ${subjectTag(REQUEST_ID)}`));
    expect(planMail(mail({ content: reply })).answers).toBe(REQUEST_ID);
  });
});

describe('the acknowledgement of an email', () => {
  it('names no rights it does not know: the team reads the message (EN and NL)', () => {
    for (const [locale, sentence] of [
      ['en', 'Our privacy team reads your message to establish which rights under the GDPR you wish to exercise.'],
      ['nl', 'Ons privacyteam leest uw bericht om vast te stellen welke rechten uit de AVG u wilt uitoefenen.'],
    ] as const) {
      const email = acknowledgement({
        locale,
        requestId: REQUEST_ID,
        types: [],
        receivedAt: '2026-06-14T10:00:00Z',
        deadline: '2026-07-14',
        verification: { verifyUrl: 'https://x/v1/verify/t', expiresAt: '2026-06-21T10:00:00Z' },
      });
      expect(email.text).toContain(sentence);
      expect(email.text).not.toMatch(/following rights|volgende rechten/);
    }
  });
});

describe('suggested rights (keyword classifier, EN and NL)', () => {
  it.each([
    ['Please send me a copy of all my data.', ['access']],
    ['Graag inzage in mijn persoonsgegevens.', ['access']],
    ['Please delete my account and everything about me.', ['erasure']],
    ['Verwijder alstublieft al mijn gegevens.', ['erasure']],
    ['My email address is wrong, please correct it.', ['rectification']],
    ['Ik maak bezwaar tegen deze verwerking.', ['objection']],
    ['I withdraw my consent.', ['withdraw_consent']],
    ['Export my data in a machine-readable format, then erase it.', ['portability', 'erasure']],
    ['Why was I charged twice?', []],
  ] as const)('%s', (text, rights) => {
    expect(suggestRights(text)).toEqual(rights);
  });
});
