import { describe, expect, it } from 'vitest';
import { referencedRequest } from '../../../../functions/core/mail/reference.js';
import { dismissalReply, minorErasureNotice, triageNeeded } from '../../../../functions/core/render/index.js';

const REQUEST_ID = 'dsr_mgx3k2ab0123456789abcdef0123';

describe('emails of the privacy mailbox and of team filings (EN and NL)', () => {
  it.each(['en', 'nl'] as const)('the dismissal reply quotes the team and keeps the subject tag (%s)', (locale) => {
    const email = dismissalReply({ locale, requestId: REQUEST_ID, receivedAt: '2026-06-14T10:00:00Z', message: 'Support answers billing questions.' });
    expect(email.text).toContain('Support answers billing questions.');
    expect(email.text).toContain(locale === 'nl' ? '14 juni 2026' : '14 June 2026');
    expect(referencedRequest(`Re: ${email.subject}`)).toBe(REQUEST_ID);
    expect(email.html).not.toContain('<script');
  });

  it('escapes the team’s words in the HTML of the dismissal reply', () => {
    const email = dismissalReply({ locale: 'en', requestId: REQUEST_ID, receivedAt: '2026-06-14T10:00:00Z', message: '<b>bold</b>' });
    expect(email.html).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it.each(['en', 'nl'] as const)('the minor’s notice says what was deleted, what was kept until when, and why (%s)', (locale) => {
    const email = minorErasureNotice({ locale, requestId: REQUEST_ID, erased: ['account', 'media'], kept: [{ storeId: 'invoices', keptUntil: '2033-06-14' }] });
    expect(email.text).toContain(locale === 'nl' ? 'onder de 18' : 'under 18');
    expect(email.text).toContain(locale === 'nl' ? '14 juni 2033' : '14 June 2033');
    expect(referencedRequest(email.subject)).toBe(REQUEST_ID);
  });

  it.each([
    ['en', 'Payment and invoice metadata, until 14 June 2033 (exception: Art. 17(3)(b) GDPR). Kept for the seven-year retention period of Dutch tax law (art. 52 AWR)'],
    ['nl', 'Betaal- en factuurgegevens, tot en met 14 juni 2033 (uitzondering: artikel 17 lid 3, onder b, AVG). Bewaard gedurende de fiscale bewaartermijn van zeven jaar (artikel 52 AWR)'],
  ] as const)('the minor’s notice names each kept store with the exception and reason of the inventory (%s)', (locale, named) => {
    const email = minorErasureNotice({ locale, requestId: REQUEST_ID, erased: ['account'], kept: [{ storeId: 'invoices', keptUntil: '2033-06-14' }] });
    expect(email.text).toContain(named);
  });

  it('the minor’s notice names a store the review kept, with its exception and the team’s facts', () => {
    const email = minorErasureNotice({
      locale: 'en',
      requestId: REQUEST_ID,
      erased: ['account'],
      kept: [],
      keptOnDecision: [{ storeId: 'support', exemption: 'Art. 17(3)(e)', reason: 'A claim about a support conversation is pending.', keptUntil: '2027-06-30' }],
    });
    expect(email.text).toContain('Support communications, until 30 June 2027 (exception: Art. 17(3)(e) GDPR). A claim about a support conversation is pending.');
    expect(email.text).not.toContain('pending..');
  });

  it('the minor’s notice has no kept section when nothing was kept', () => {
    const email = minorErasureNotice({ locale: 'en', requestId: REQUEST_ID, erased: ['account'], kept: [] });
    expect(email.text).not.toContain('What we had to keep');
  });

  it('tells the team about a held message without naming the sender', () => {
    const email = triageNeeded({ locale: 'en', requestId: REQUEST_ID, daysLeft: 20, legalDeadline: '2026-07-14', consoleUrl: 'https://console/#/requests/x', held: true });
    expect(email.subject).toContain(REQUEST_ID);
    expect(email.text).toContain('received no acknowledgement');
    expect(email.text).not.toMatch(/@/);
  });
});
