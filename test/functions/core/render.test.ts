import { describe, expect, it } from 'vitest';
import {
  parseRecipientContacts,
  RECIPIENTS,
  recipientsToNotify,
  RIGHTS,
  STORES,
  type StoreDefinition,
} from '../../../functions/core/inventory/index.js';
import type { DsrRequestRecord } from '../../../functions/core/request/model.js';
import { refuseAll, REJECTION_REASONS } from '../../../functions/core/request/decisions.js';
import {
  acknowledgement,
  accessReady,
  deadlineEscalation,
  deadlineReminder,
  downloadExpiredPage,
  erasureNotice,
  rectificationNotice,
  erasureReport,
  escapeHtml,
  extensionNotice,
  formatDate,
  formatInstantDate,
  formatInstantDateTime,
  html,
  identityExpired,
  noData,
  rejection,
  renderAccessSummary,
  RenderInputError,
  reviewNeeded,
  rightName,
  rightsOutcome,
  storeFailure,
  VERIFY_OUTCOMES,
  verifyPage,
  verifyResultPage,
  type Locale,
  type RenderedEmail,
  type ReviewNeededInput,
} from '../../../functions/core/render/index.js';

const LOCALES: Locale[] = ['en', 'nl'];
const XSS = '<script>alert("x")</script>';
const XSS_ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';
const SUBJECT_EMAIL = 'jane.doe@example.org';

const T = {
  en: { received: '15 June 2026', deadline: '15 July 2026', kept: '31 December 2033', extended: '14 September 2026' },
  nl: { received: '15 juni 2026', deadline: '15 juli 2026', kept: '31 december 2033', extended: '14 september 2026' },
} as const;

function all(email: RenderedEmail): string {
  return `${email.subject}\n${email.text}\n${email.html}`;
}

/** Text and HTML both carry the fact (the HTML escaped). */
function expectBoth(email: RenderedEmail, fact: string): void {
  expect(email.text).toContain(fact);
  expect(email.html).toContain(escapeHtml(fact));
}

function expectWellFormedEmail(email: RenderedEmail, locale: Locale): void {
  expect(email.subject).not.toMatch(/[\r\n]/);
  expect(email.html).toMatch(/^<!DOCTYPE html>/);
  expect(email.html).toContain(`<html lang="${locale}">`);
  expect(email.html).not.toMatch(/<script|<img|<link|\ssrc=/i);
  for (const tag of ['p', 'ul', 'li', 'table', 'tr', 'h1', 'h2', 'a', 'div']) {
    const opened = email.html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
    const closed = email.html.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0;
    expect(closed, `<${tag}> balanced`).toBe(opened);
  }
}

describe('dates', () => {
  it('formats calendar dates without shifting them', () => {
    expect(formatDate('2026-06-15', 'en')).toBe('15 June 2026');
    expect(formatDate('2026-06-15', 'nl')).toBe('15 juni 2026');
    // A DST change day and a year boundary stay the same calendar day.
    expect(formatDate('2026-03-29', 'en')).toBe('29 March 2026');
    expect(formatDate('2026-01-01', 'nl')).toBe('1 januari 2026');
  });

  it('shows instants as the Amsterdam date (DST-aware)', () => {
    expect(formatInstantDate('2026-06-14T22:15:00Z', 'en')).toBe('15 June 2026');
    expect(formatInstantDate('2026-06-14T22:15:00Z', 'nl')).toBe('15 juni 2026');
    expect(formatInstantDate('2026-01-14T22:59:59Z', 'en')).toBe('14 January 2026');
    expect(formatInstantDate('2026-01-14T23:00:00Z', 'en')).toBe('15 January 2026');
    expect(formatInstantDateTime('2026-06-14T22:15:00Z', 'en')).toBe('15 June 2026 at 00:15 (Amsterdam time)');
    expect(formatInstantDateTime('2026-06-14T22:15:00Z', 'nl')).toBe('15 juni 2026 om 00:15 (Nederlandse tijd)');
    expect(formatInstantDate('2026-06-15T00:15:00+02:00', 'en')).toBe('15 June 2026');
  });

  it('refuses impossible dates and instants without an offset', () => {
    expect(() => formatDate('2026-02-30', 'en')).toThrow(RenderInputError);
    expect(() => formatDate('15-06-2026', 'en')).toThrow(RenderInputError);
    expect(() => formatInstantDate('2026-06-14T22:15:00', 'en')).toThrow(RenderInputError);
    expect(() => formatInstantDate('2026-06-14', 'en')).toThrow(RenderInputError);
  });
});

describe('rightName', () => {
  it('names every right in both languages', () => {
    for (const locale of LOCALES) {
      const names = RIGHTS.map((right) => rightName(right, locale));
      expect(new Set(names).size).toBe(RIGHTS.length);
    }
    expect(rightName('erasure', 'en')).toBe('Right to erasure');
    expect(rightName('access', 'nl')).toBe('Recht op inzage');
    expect(rightName('withdraw_consent', 'nl')).toBe('Recht om toestemming in te trekken');
  });
});

describe('escaping', () => {
  it('escapes every interpolated value', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(html`<p title="${XSS}">${XSS}</p>`.value).toBe(`<p title="${XSS_ESCAPED}">${XSS_ESCAPED}</p>`);
    expect(html`<ul>${['<b>', html`<li>ok</li>`]}</ul>`.value).toBe('<ul>&lt;b&gt;<li>ok</li></ul>');
  });

  it('escapes values in emails and pages, and keeps them readable in text', () => {
    const refusal = rejection({
      requestId: 'req_1',
      locale: 'en',
      receivedAt: '2026-06-14T22:15:00Z',
      types: ['access'],
      decisions: refuseAll(['access'], 'other', XSS),
    });
    expect(refusal.html).not.toContain('<script');
    expect(refusal.html).toContain(XSS_ESCAPED);
    expect(refusal.text).toContain(XSS);

    const extension = extensionNotice({ requestId: XSS, locale: 'nl', reason: XSS, extendedDeadline: '2026-09-14', originalDeadline: '2026-07-15' });
    expect(extension.html).not.toContain('<script');
    expect(extension.html).toContain(XSS_ESCAPED);

    const page = verifyPage({ requestId: XSS, actionUrl: '/v1/verify/abc', locale: 'en' });
    expect(page).not.toContain('<script');
    expect(page).toContain(XSS_ESCAPED);

    const inventory: StoreDefinition[] = [{ ...STORES[0], title: { en: XSS, nl: XSS } } as StoreDefinition];
    const summary = renderAccessSummary({
      requestId: 'req_1',
      locale: 'en',
      generatedAt: '2026-06-20T10:00:00Z',
      types: ['access'],
      stores: [{ storeId: 'account', itemCount: 1 }],
      inventory,
    });
    expect(summary.html).not.toContain('<script');
    expect(summary.html).toContain(XSS_ESCAPED);
  });

  it('refuses link targets that are not http(s)', () => {
    expect(() => verifyPage({ actionUrl: 'javascript:alert(1)', locale: 'en' })).toThrow(RenderInputError);
    expect(() =>
      acknowledgement({
        requestId: 'r',
        locale: 'en',
        receivedAt: '2026-06-14T22:15:00Z',
        types: ['access'],
        deadline: '2026-07-15',
        verification: { verifyUrl: 'javascript:alert(1)', expiresAt: '2026-06-21T22:15:00Z' },
      }),
    ).toThrow(RenderInputError);
  });
});

describe.each(LOCALES)('emails to the data subject (%s)', (locale) => {
  const t = T[locale];

  it('acknowledgement with the identity link', () => {
    const verifyUrl = 'https://api.kiara-api.com/v1/verify/tok_abc?x=1&y=2';
    const email = acknowledgement({
      requestId: 'req_ack',
      locale,
      receivedAt: '2026-06-14T22:15:00Z',
      types: ['access', 'erasure'],
      deadline: '2026-07-15',
      verification: { verifyUrl, expiresAt: '2026-06-21T22:15:00Z' },
    });
    expectWellFormedEmail(email, locale);
    expect(email.subject).toContain('req_ack');
    expectBoth(email, t.received);
    expectBoth(email, t.deadline);
    expectBoth(email, formatInstantDateTime('2026-06-21T22:15:00Z', locale));
    expectBoth(email, rightName('access', locale));
    expectBoth(email, rightName('erasure', locale));
    expect(email.text).toContain(verifyUrl);
    expect(email.html).toContain(`href="${escapeHtml(verifyUrl)}"`);
  });

  it('acknowledgement without a link for a signed-in request', () => {
    const email = acknowledgement({
      requestId: 'req_ack2',
      locale,
      receivedAt: '2026-06-14T22:15:00Z',
      types: ['portability'],
      deadline: '2026-07-15',
      verification: null,
    });
    expectWellFormedEmail(email, locale);
    expectBoth(email, t.deadline);
    expectBoth(email, rightName('portability', locale));
    expect(email.text).not.toContain('/verify/');
    expect(email.text).toMatch(locale === 'nl' ? /ingelogd/ : /signed in/);
    expect(email.html).not.toMatch(/href="https?:/);
  });

  it('identityExpired', () => {
    const email = identityExpired({
      requestId: 'req_exp',
      locale,
      receivedAt: '2026-06-14T22:15:00Z',
      types: ['access'],
      confirmBy: '2026-06-21T22:15:00Z',
    });
    expectWellFormedEmail(email, locale);
    expectBoth(email, formatInstantDateTime('2026-06-21T22:15:00Z', locale));
    expectBoth(email, 'privacy@kiara-api.com');
    expect(email.html).toContain('href="mailto:privacy@kiara-api.com"');
  });

  it('noData', () => {
    const email = noData({ requestId: 'req_nd', locale, receivedAt: '2026-06-14T22:15:00Z', types: ['erasure'] });
    expectWellFormedEmail(email, locale);
    expectBoth(email, t.received);
    expectBoth(email, 'privacy@kiara-api.com');
    expect(email.text).toContain(locale === 'nl' ? 'API-sleutel' : 'API key');
    expect(email.text).toContain(locale === 'nl' ? 'geen persoonsgegevens' : 'no personal data');
  });

  it('accessReady for an access request', () => {
    const downloadUrl = 'https://exports.kiara-api.com/req_ar.zip?X-Amz-Signature=abc&X-Amz-Expires=604800';
    const email = accessReady({
      requestId: 'req_ar',
      locale,
      types: ['access'],
      downloadUrl,
      linkExpiresAt: '2026-06-27T10:00:00Z',
      packageExpiresAt: '2026-07-20T10:00:00Z',
      stores: [
        { storeId: 'account', itemCount: 1 },
        { storeId: 'usage-logs', itemCount: 42 },
        { storeId: 'media', itemCount: 7 },
      ],
    });
    expectWellFormedEmail(email, locale);
    expect(email.text).toContain(downloadUrl);
    expect(email.html).toContain(`href="${escapeHtml(downloadUrl)}"`);
    expectBoth(email, formatInstantDateTime('2026-06-27T10:00:00Z', locale));
    expectBoth(email, locale === 'nl' ? '20 juli 2026' : '20 July 2026');
    expectBoth(email, STORES.find((s) => s.id === 'usage-logs')!.title[locale]);
    expectBoth(email, STORES.find((s) => s.id === 'media')!.title[locale]);
    expectBoth(email, '1 item');
    expectBoth(email, '42 items');
    expectBoth(email, locale === 'nl' ? '7 bestanden' : '7 files');
    expectBoth(email, 'README.html');
    expectBoth(email, 'JSON');
    expectBoth(email, 'CSV');
    expectBoth(email, locale === 'nl' ? 'machineleesbaar' : 'machine-readable');
    expectBoth(email, locale === 'nl' ? 'artikel 15 lid 1 AVG' : 'Art. 15(1) GDPR');
    expect(email.text).not.toContain(locale === 'nl' ? 'artikel 20 AVG' : 'Art. 20 GDPR');
  });

  it('accessReady for a portability request says Art. 20 format', () => {
    const email = accessReady({
      requestId: 'req_pt',
      locale,
      types: ['portability'],
      downloadUrl: 'https://exports.kiara-api.com/req_pt.zip',
      linkExpiresAt: '2026-06-27T10:00:00Z',
      packageExpiresAt: '2026-07-20T10:00:00Z',
      stores: [{ storeId: 'generations', itemCount: 3 }],
    });
    expectWellFormedEmail(email, locale);
    expectBoth(email, locale === 'nl' ? 'artikel 20 AVG' : 'Art. 20 GDPR');
    expectBoth(
      email,
      locale === 'nl' ? 'gestructureerde, gangbare en machineleesbare vorm' : 'structured, commonly used and machine-readable format',
    );
    expectBoth(email, '3 items');
  });

  it('erasureReport lists erased and kept data with legal basis and until-date', () => {
    const email = erasureReport({
      requestId: 'req_er',
      locale,
      erased: [
        { storeId: 'account', itemCount: 1 },
        { storeId: 'generations', itemCount: 12 },
      ],
      kept: [{ storeId: 'invoices', itemCount: 3, keptUntil: '2033-12-31' }],
      notifiedRecipients: [RECIPIENTS.hosting, RECIPIENTS.payments],
    });
    expectWellFormedEmail(email, locale);
    expectBoth(email, STORES.find((s) => s.id === 'generations')!.title[locale]);
    expectBoth(email, '12 items');
    const invoices = STORES.find((s) => s.id === 'invoices')!;
    expectBoth(email, invoices.title[locale]);
    expectBoth(email, '3 items');
    expectBoth(email, locale === 'nl' ? 'artikel 17 lid 3, onder b, AVG' : 'Art. 17(3)(b) GDPR');
    expectBoth(email, invoices.erasure.reason[locale]);
    expectBoth(email, t.kept);
    expectBoth(email, locale === 'nl' ? 'artikel 19 AVG' : 'Art. 19 GDPR');
    expectBoth(email, RECIPIENTS.hosting.name);
    expectBoth(email, RECIPIENTS.payments.name);
    // Keeping data is a partial refusal: the remedies are named.
    expectBoth(email, 'Autoriteit Persoonsgegevens');
  });

  it('erasureReport without kept data or notices', () => {
    const email = erasureReport({ requestId: 'req_er2', locale, erased: [{ storeId: 'account', itemCount: 1 }], kept: [] });
    expectWellFormedEmail(email, locale);
    expect(email.text).not.toContain(locale === 'nl' ? 'artikel 19 AVG' : 'Art. 19 GDPR');
    expect(email.text).not.toContain('17(3)');
    expect(() =>
      erasureReport({ requestId: 'r', locale, erased: [], kept: [{ storeId: 'account', itemCount: 1, keptUntil: '2030-01-01' }] }),
    ).toThrow(RenderInputError);
  });

  it.each(REJECTION_REASONS.flatMap((code) => [
    [code, false],
    [code, true],
  ] as const))('rejection %s (partial: %s) names the AP and the court remedy', (reasonCode, partial) => {
    const facts = 'Five identical requests were received between 1 and 5 June 2026.';
    const email = rejection({
      requestId: 'req_rj',
      locale,
      receivedAt: '2026-06-14T22:15:00Z',
      types: partial ? ['access', 'erasure'] : ['access'],
      decisions: partial
        ? { access: { decision: 'grant' }, erasure: { decision: 'refuse', ground: reasonCode, facts } }
        : refuseAll(['access'], reasonCode, facts),
    });
    expectWellFormedEmail(email, locale);
    expectBoth(email, facts);
    expectBoth(email, t.received);
    expectBoth(email, 'Autoriteit Persoonsgegevens');
    expectBoth(email, 'autoriteitpersoonsgegevens.nl');
    expect(email.html).toContain('href="https://autoriteitpersoonsgegevens.nl"');
    expectBoth(email, locale === 'nl' ? 'artikel 79 AVG' : 'Art. 79 GDPR');
    expectBoth(email, locale === 'nl' ? 'artikel 35' : 'art. 35');
    expectBoth(email, 'UAVG');
    const partialWord = locale === 'nl' ? 'niet volledig' : 'not fully';
    const subjectPartial = locale === 'nl' ? 'niet volledig' : 'cannot fully';
    if (partial) expect(email.subject).toContain(subjectPartial);
    else expect(email.subject).not.toContain(partialWord);
    if (reasonCode === 'manifestly_unfounded' || reasonCode === 'excessive') {
      expectBoth(email, locale === 'nl' ? 'artikel 12 lid 5, onder b, AVG' : 'Art. 12(5)(b) GDPR');
    }
  });

  it('extensionNotice shows the reasons and the extended date', () => {
    const email = extensionNotice({
      requestId: 'req_ext',
      locale,
      reason: 'Your account holds over 40,000 generations across several projects.',
      extendedDeadline: '2026-09-14',
      originalDeadline: '2026-07-15',
    });
    expectWellFormedEmail(email, locale);
    expectBoth(email, t.extended);
    expectBoth(email, t.deadline);
    expectBoth(email, 'Your account holds over 40,000 generations across several projects.');
    expectBoth(email, locale === 'nl' ? 'artikel 12 lid 3 AVG' : 'Art. 12(3) GDPR');
  });

  it('rightsOutcome for a withdrawal of consent: nothing to stop, recorded, no statement needed', () => {
    const email = rightsOutcome({ requestId: 'req_wc', locale, receivedAt: '2026-06-14T22:15:00Z', types: ['withdraw_consent'] });
    expectWellFormedEmail(email, locale);
    expect(email.subject).toContain('req_wc');
    expectBoth(email, t.received);
    expectBoth(email, `${rightName('withdraw_consent', locale)} (${locale === 'nl' ? 'artikel 7 lid 3 AVG' : 'Art. 7(3) GDPR'})`);
    expectBoth(email, locale === 'nl' ? 'geen persoonsgegevens op grond van uw toestemming' : 'no personal data on the basis of your consent');
    expectBoth(email, locale === 'nl' ? 'intrekking van uw toestemming vastgelegd' : 'recorded the withdrawal of your consent');
    expect(email.text).not.toContain(locale === 'nl' ? 'Wat wij hebben gedaan' : 'What we did');
    expectBoth(email, 'Autoriteit Persoonsgegevens');
  });

  it('rightsOutcome on an objection granted in part says what continues, on compelling grounds', () => {
    const email = rightsOutcome({
      requestId: 'req_ro2',
      locale,
      receivedAt: '2026-06-14T22:15:00Z',
      types: ['objection'],
      outcome: 'We stopped the reliability analysis.',
      decisions: { objection: { decision: 'partial', ground: 'compelling_grounds', facts: 'An attack is being investigated.' } },
    });
    expectBoth(email, locale === 'nl' ? 'gedeeltelijk gestaakt' : 'stopped part of the processing');
    expectBoth(email, locale === 'nl' ? 'dwingende gerechtvaardigde gronden' : 'compelling legitimate grounds');
  });

  it('rightsOutcome quotes the team and states per right what it means', () => {
    const outcome = `We corrected the account email and stopped the reliability analysis. ${XSS}`;
    const email = rightsOutcome({
      requestId: 'req_ro',
      locale,
      receivedAt: '2026-06-14T22:15:00Z',
      types: ['objection', 'access', 'rectification', 'restriction'],
      outcome: `  ${outcome}\n`,
      restriction: { taggedFiles: 1, held: [], notifiedRecipients: [] },
    });
    expectWellFormedEmail(email, locale);
    expectBoth(email, locale === 'nl' ? 'Wat wij hebben gedaan' : 'What we did');
    expect(email.text).toContain(outcome);
    expect(email.html).toContain(XSS_ESCAPED);
    expect(email.html).not.toContain(XSS);
    for (const [right, article] of [['rectification', '16'], ['restriction', '18'], ['objection', '21']] as const) {
      expectBoth(email, `${rightName(right, locale)} (${locale === 'nl' ? `artikel ${article.replace(/\((\d+)\)/, ' lid $1')} AVG` : `Art. ${article} GDPR`})`);
    }
    expectBoth(email, locale === 'nl' ? 'artikel 18 lid 3 AVG' : 'Art. 18(3) GDPR');
    expectBoth(email, locale === 'nl' ? 'bewaren ze alleen nog' : 'it is now only stored');
    // A granted objection: the processing stopped, said without a hedge.
    expectBoth(email, locale === 'nl' ? 'gerechtvaardigde belangen (artikel 6 lid 1, onder f, AVG) gestaakt' : 'We have stopped processing your data on the basis of our legitimate interests');
    expect(email.text).not.toMatch(locale === 'nl' ? /tenzij/ : /unless/);
    expectBoth(email, locale === 'nl' ? 'artikel 6 lid 1, onder f, AVG' : 'Art. 6(1)(f) GDPR');
    // Access gets its own reply; this one only says so.
    expectBoth(email, locale === 'nl' ? 'apart bericht' : 'separate message');
    expect(email.text).not.toContain(locale === 'nl' ? 'artikel 15 AVG' : 'Art. 15 GDPR');
    expectBoth(email, 'Autoriteit Persoonsgegevens');
  });

  it('rightsOutcome states what a restriction put in place: each store by category, the marks, the held copy, the recipients or none', () => {
    const restriction = (held: { storeId: string; itemCount: number }[], notifiedRecipients: (typeof RECIPIENTS)[keyof typeof RECIPIENTS][], taggedFiles: number) =>
      rightsOutcome({ requestId: 'req_r', locale, receivedAt: '2026-06-14T22:15:00Z', types: ['restriction'], outcome: 'Restricted.', restriction: { taggedFiles, held, notifiedRecipients } });
    const full = restriction([{ storeId: 'usage-logs', itemCount: 1204 }], [RECIPIENTS.hosting], 3);
    expectWellFormedEmail(full, locale);
    for (const store of STORES) expectBoth(full, store.title[locale]);
    expectBoth(full, locale === 'nl' ? '1.204 items' : '1,204 items');
    expectBoth(full, locale === 'nl' ? '(3 bestanden)' : '(3 files)');
    expectBoth(full, locale === 'nl' ? 'verwijderen wij deze kopie' : 'we delete this copy');
    expectBoth(full, RECIPIENTS.hosting.name);
    expect(full.text).not.toContain(RECIPIENTS.payments.name);
    const none = restriction([], [], 0);
    expectBoth(none, locale === 'nl' ? 'een aparte kopie is daarom niet nodig' : 'we keep no separate copy');
    expectBoth(none, locale === 'nl' ? 'Er waren geen bestanden van u om te markeren.' : 'There were no files of yours to mark.');
    expectBoth(none, locale === 'nl' ? 'Wij hebben geen ontvangers van uw gegevens op de hoogte gebracht' : 'We have not notified any recipient of your data');
    expect(none.text).not.toContain(RECIPIENTS.hosting.name);
  });

  it('rightsOutcome refuses rectification, restriction or objection without a statement, a restriction without what it put in place, and a request without those rights', () => {
    const base = { requestId: 'req_bad', locale, receivedAt: '2026-06-14T22:15:00Z' };
    expect(() => rightsOutcome({ ...base, types: ['restriction'], outcome: 'Restricted.' })).toThrow(RenderInputError);
    for (const right of ['rectification', 'restriction', 'objection'] as const) {
      expect(() => rightsOutcome({ ...base, types: [right] })).toThrow(RenderInputError);
      expect(() => rightsOutcome({ ...base, types: [right], outcome: '   ' })).toThrow(RenderInputError);
    }
    expect(() => rightsOutcome({ ...base, types: ['access', 'erasure'], outcome: 'Done.' })).toThrow(RenderInputError);
  });
});

describe('Art. 19 notices to recipients', () => {
  const notice = {
    requestId: 'dsr_art19',
    accountId: 'acct_01j9ada7c3f9',
    recipient: RECIPIENTS.aiCompute,
    storeIds: ['generations', 'media'],
    erasedAt: '2026-06-14T22:15:00Z',
  };

  it('erasureNotice names the account id, the request, the date and the erased categories, and asks for erasure and confirmation', () => {
    const email = erasureNotice(notice);
    expectWellFormedEmail(email, 'en');
    expect(email.subject).toBe('Erasure notice under Art. 19 GDPR: Kiara request dsr_art19');
    expectBoth(email, 'acct_01j9ada7c3f9');
    expectBoth(email, T.en.received);
    expectBoth(email, RECIPIENTS.aiCompute.name);
    expectBoth(email, RECIPIENTS.aiCompute.category.en);
    for (const id of notice.storeIds) expectBoth(email, STORES.find((s) => s.id === id)!.title.en);
    expect(email.text).not.toContain(STORES.find((s) => s.id === 'account')!.title.en);
    expectBoth(email, 'Art. 17 GDPR');
    expect(email.text).toMatch(/Erase every copy/);
    expect(email.text).toMatch(/Confirm the erasure to privacy@kiara-api\.com, quoting request dsr_art19/);
  });

  it('erasureNotice refuses an address as the account reference and an empty store list', () => {
    expect(() => erasureNotice({ ...notice, accountId: SUBJECT_EMAIL })).toThrow(RenderInputError);
    expect(() => erasureNotice({ ...notice, storeIds: [] })).toThrow(RenderInputError);
    expect(() => erasureNotice({ ...notice, storeIds: ['nope'] })).toThrow(RenderInputError);
  });

  it('rectificationNotice names the account id and the corrected attributes, and refuses an address as the reference or no attributes', () => {
    const rectified = { requestId: 'dsr_art19', accountId: 'acct_01j9ada7c3f9', recipient: RECIPIENTS.hosting, corrected: [{ storeId: 'account', field: 'email' as const }], correctedAt: '2026-06-14T22:15:00Z' };
    const email = rectificationNotice(rectified);
    expectWellFormedEmail(email, 'en');
    expectBoth(email, 'acct_01j9ada7c3f9');
    expectBoth(email, 'Account: Email address');
    expectBoth(email, 'Art. 16 GDPR');
    expect(() => rectificationNotice({ ...rectified, accountId: SUBJECT_EMAIL })).toThrow(RenderInputError);
    expect(() => rectificationNotice({ ...rectified, corrected: [] })).toThrow(RenderInputError);
  });

  it('recipientsToNotify: hosting and email for every erasure, the others for the stores they receive', () => {
    const ids = (erased: string[]) =>
      recipientsToNotify(erased).map((n) => `${n.recipient.id}:${n.storeIds.join('+')}`);
    expect(ids(['account', 'generations', 'media'])).toEqual([
      'hosting:account+generations+media',
      'ai-compute:generations+media',
      'email:account+generations+media',
    ]);
    expect(ids(['usage-logs'])).toEqual(['hosting:usage-logs', 'email:usage-logs']);
    expect(ids(['invoices'])).toEqual(['hosting:invoices', 'payments:invoices', 'email:invoices']);
    expect(ids([])).toEqual([]);
  });

  it('parseRecipientContacts takes an object or its JSON and refuses unknown ids and non-addresses', () => {
    expect(parseRecipientContacts(undefined)).toEqual({});
    expect(parseRecipientContacts('{"hosting":"privacy@host.example"}')).toEqual({ hosting: 'privacy@host.example' });
    expect(parseRecipientContacts({ 'ai-compute': 'dpo@gpu.example' })).toEqual({ 'ai-compute': 'dpo@gpu.example' });
    expect(() => parseRecipientContacts({ hostnig: 'privacy@host.example' })).toThrow(/unknown recipient "hostnig"/);
    expect(() => parseRecipientContacts({ hosting: 'not an address' })).toThrow(/not one email address/);
    expect(() => parseRecipientContacts({ hosting: 'a@b.example, c@d.example' })).toThrow(/not one email address/);
    expect(() => parseRecipientContacts('["hosting"]')).toThrow(/expected an object/);
  });
});

describe.each(LOCALES)('emails to the privacy team (%s)', (locale) => {
  const consoleUrl = 'https://console.kiara-api.com/#/requests/req_team';
  const record: DsrRequestRecord = {
    requestId: 'req_team',
    types: ['access', 'erasure'],
    status: 'awaiting_review',
    locale,
    channel: 'email',
    receivedAt: '2026-06-14T22:15:00Z',
    receiptDate: '2026-06-15',
    deadlines: { initial: { strict: '2026-07-15', legal: '2026-07-15' }, extended: { strict: '2026-09-15', legal: '2026-09-15' } },
    contactEmail: SUBJECT_EMAIL,
    subject: { accountId: 'acct_42', found: true },
    createdAt: '2026-06-14T22:15:00Z',
    updatedAt: '2026-06-14T22:15:00Z',
  };

  function expectNoIdentity(email: RenderedEmail): void {
    const everything = all(email);
    expect(everything).not.toContain(SUBJECT_EMAIL);
    expect(everything).not.toContain('jane');
    expect(everything).not.toContain('acct_42');
    expect(everything).not.toContain('@');
  }

  it('reviewNeeded', () => {
    const email = reviewNeeded({
      requestId: 'req_team',
      locale,
      consoleUrl,
      types: ['access', 'erasure'],
      daysLeft: 9,
      legalDeadline: '2026-07-15',
      note: 'requester_email_differs_from_account',
    });
    expectWellFormedEmail(email, locale);
    expectNoIdentity(email);
    expect(email.subject).toContain('req_team');
    expectBoth(email, T[locale].deadline);
    expectBoth(email, locale === 'nl' ? 'nog 9 dagen' : '9 days left');
    expectBoth(email, rightName('erasure', locale));
    expect(email.html).toContain(`href="${escapeHtml(consoleUrl)}"`);
    expect(email.text).toContain(consoleUrl);
    expect(email.text).toMatch(locale === 'nl' ? /wijkt af/ : /differs/);
  });

  it('the types refuse the subject identity, and nothing of it is shown if it slips through', () => {
    // @ts-expect-error a request record carries contactEmail: team inputs refuse it.
    const fromRecord: ReviewNeededInput = { ...record, consoleUrl, daysLeft: 9, legalDeadline: '2026-07-15' };
    const fromCast = {
      requestId: 'req_team',
      locale,
      consoleUrl,
      types: ['access'],
      daysLeft: 3,
      legalDeadline: '2026-07-15',
      email: SUBJECT_EMAIL,
      name: 'Jane Doe',
    } as unknown as ReviewNeededInput;
    expectNoIdentity(reviewNeeded(fromRecord));
    expectNoIdentity(reviewNeeded(fromCast));
    expect(all(reviewNeeded(fromCast))).not.toContain('Jane Doe');
    // @ts-expect-error the store failure input has no place for an address either.
    storeFailure({ requestId: 'r', locale, consoleUrl, storeId: 'account', errorName: 'X', attempts: 1, contactEmail: SUBJECT_EMAIL });
  });

  it('storeFailure, and an address in a free value is removed', () => {
    const email = storeFailure({
      requestId: 'req_team',
      locale,
      consoleUrl: `${consoleUrl}?who=${SUBJECT_EMAIL}`,
      storeId: 'usage-logs',
      errorName: `ValidationException for ${SUBJECT_EMAIL}`,
      attempts: 3,
    });
    expectWellFormedEmail(email, locale);
    expectNoIdentity(email);
    expectBoth(email, STORES.find((s) => s.id === 'usage-logs')!.title[locale]);
    expectBoth(email, 'ValidationException');
    // The count under its label, the unit not repeated ("Attempts: 3", not "Attempts: 3 attempts").
    expect(email.text).toMatch(locale === 'nl' ? /^Pogingen: 3$/m : /^Attempts: 3$/m);
    expect(email.html).toMatch(locale === 'nl' ? /Pogingen<\/th><td[^>]*>3<\/td>/ : /Attempts<\/th><td[^>]*>3<\/td>/);
  });

  it('deadlineReminder', () => {
    const email = deadlineReminder({
      requestId: 'req_team',
      locale,
      consoleUrl,
      daysLeft: 3,
      daysLeftTo: 'strict',
      strictDeadline: '2026-07-15',
      legalDeadline: '2026-07-16',
      status: 'processing',
    });
    expectWellFormedEmail(email, locale);
    expectNoIdentity(email);
    expectBoth(email, T[locale].deadline);
    expectBoth(email, locale === 'nl' ? '16 juli 2026' : '16 July 2026');
    expectBoth(email, locale === 'nl' ? 'nog 3 dagen' : '3 days left');
    expectBoth(email, locale === 'nl' ? 'in behandeling' : 'processing');
  });

  it.each(['strict', 'legal'] as const)('deadlineEscalation (%s)', (missed) => {
    const email = deadlineEscalation({
      requestId: 'req_team',
      locale,
      consoleUrl,
      missed,
      deadline: '2026-07-15',
      legalDeadline: missed === 'strict' ? '2026-07-16' : undefined,
      status: 'awaiting_store_retry',
    });
    expectWellFormedEmail(email, locale);
    expectNoIdentity(email);
    expect(email.subject).toContain(locale === 'nl' ? 'DRINGEND' : 'URGENT');
    expect(email.subject).toContain(
      missed === 'legal' ? (locale === 'nl' ? 'wettelijke' : 'legal') : locale === 'nl' ? 'interne' : 'internal',
    );
    expectBoth(email, T[locale].deadline);
    if (missed === 'legal') expectBoth(email, locale === 'nl' ? 'artikel 12 lid 3 AVG' : 'Art. 12(3) GDPR');
  });
});

describe.each(LOCALES)('renderAccessSummary (%s)', (locale) => {
  const stores = STORES.map((store, index) => ({ storeId: store.id, itemCount: index + 2 }));
  const { html: readme, json } = renderAccessSummary({
    requestId: 'req_sum',
    locale,
    generatedAt: '2026-06-20T10:00:00Z',
    types: ['access'],
    stores,
  });

  it('explains every included store from the inventory', () => {
    expect(readme).toMatch(/^<!DOCTYPE html>/);
    expect(readme).toContain(`<html lang="${locale}">`);
    expect(readme).not.toMatch(/<script|<img|<link|\ssrc=/i);
    for (const [index, store] of STORES.entries()) {
      expect(readme).toContain(escapeHtml(store.title[locale]));
      expect(readme).toContain(escapeHtml(store.categories[locale]));
      expect(readme).toContain(escapeHtml(store.retention.description[locale]));
      for (const recipient of store.recipients) {
        expect(readme).toContain(escapeHtml(recipient.name));
        expect(readme).toContain(escapeHtml(recipient.category[locale]));
      }
      for (const purpose of store.purposes) {
        expect(readme).toContain(escapeHtml(purpose.description[locale]));
        expect(readme).toContain(escapeHtml(purpose.legalBasis.label[locale]));
      }
      expect(readme).toContain(`data/${store.id}.json`);
      expect(readme).toContain(`data/${store.id}.csv`);
      const entry = json.stores.find((candidate) => candidate.id === store.id)!;
      expect(entry.itemCount).toBe(index + 2);
      expect(entry.recipients.map((recipient) => recipient.name)).toEqual(store.recipients.map((recipient) => recipient.name));
      expect(entry.retention.description).toBe(store.retention.description[locale]);
      expect(readme).toContain(escapeHtml(entry.itemCountText));
    }
    expect(json.stores.find((store) => store.id === 'media')!.files).toContain('media/');
    expect(json.stores.find((store) => store.id === 'account')!.files).not.toContain('media/');
    expect(readme).toContain(locale === 'nl' ? 'artikel 6 lid 1, onder b, AVG' : 'Art. 6(1)(b) GDPR');
    expect(readme).toContain(locale === 'nl' ? 'artikel 15 lid 1, onder g, AVG' : 'Art. 15(1)(g) GDPR');
  });

  it('names the controller, transfers, rights, the AP and automated decisions', () => {
    expect(readme).toContain('Kiara Intelligence');
    expect(readme).toContain('privacy@kiara-api.com');
    expect(readme).toContain('Autoriteit Persoonsgegevens');
    expect(readme).toContain('autoriteitpersoonsgegevens.nl');
    expect(readme).toMatch(locale === 'nl' ? /standaardcontractbepalingen/ : /SCC/);
    expect(readme).toContain(locale === 'nl' ? 'artikel 22 AVG' : 'Art. 22 GDPR');
    for (const right of ['rectification', 'erasure', 'restriction', 'objection', 'portability', 'withdraw_consent'] as const) {
      expect(readme).toContain(escapeHtml(rightName(right, locale)));
    }
    expect(json.complaint.authority).toBe('Autoriteit Persoonsgegevens');
    expect(json.controller.contact).toBe('privacy@kiara-api.com');
    expect(json.automatedDecisionMaking.decisionsWithLegalOrSimilarEffect).toBe(false);
    expect(json.internationalTransfers.safeguards).toContain('standard_contractual_clauses');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('lists only the stores that are included', () => {
    const portable = renderAccessSummary({
      requestId: 'req_p',
      locale,
      generatedAt: '2026-06-20T10:00:00Z',
      types: ['portability'],
      stores: [{ storeId: 'generations', itemCount: 5 }],
    });
    const invoices = STORES.find((store) => store.id === 'invoices')!;
    expect(portable.html).not.toContain(escapeHtml(invoices.title[locale]));
    expect(portable.json.stores).toHaveLength(1);
    expect(portable.json.portabilityNote).toBeDefined();
    expect(portable.html).toContain(locale === 'nl' ? 'artikel 20 AVG' : 'Art. 20 GDPR');
  });
});

describe.each(LOCALES)('pages (%s)', (locale) => {
  it('verifyPage confirms only through one POST form', () => {
    const actionUrl = 'https://api.kiara-api.com/v1/verify/tok_abc?confirm=1&x=2';
    const page = verifyPage({ requestId: 'req_v', actionUrl, locale });
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain(`<html lang="${locale}">`);
    expect(page).toContain('req_v');
    expect(page.match(/<form\b/g)).toHaveLength(1);
    expect(page).toContain(`<form method="post" action="${escapeHtml(actionUrl)}">`);
    expect(page.match(/<button\b/g)).toHaveLength(1);
    expect(page.match(/<input\b/g)).toBeNull();
    expect(page).not.toContain(`href="${escapeHtml(actionUrl)}"`);
    expect(page).not.toMatch(/<script|<img|<link|\ssrc=|http-equiv="refresh"/i);
    const formBody = page.slice(page.indexOf('<form'), page.indexOf('</form>'));
    expect(formBody).toContain('type="submit"');
    expect(page).toMatch(locale === 'nl' ? /heeft nog niets bevestigd/ : /has not confirmed anything/);
    // Its URL (with the token) goes to no other site, and its POST keeps its Origin for the check.
    expect(page).toContain('<meta name="referrer" content="same-origin">');
    expect(verifyPage({ actionUrl: '/v1/verify/tok', locale })).toContain('action="/v1/verify/tok"');
  });

  it('verifyResultPage has a page for every outcome', () => {
    const titles = VERIFY_OUTCOMES.map((outcome) => {
      const page = verifyResultPage({ outcome, locale });
      expect(page).toContain(`<html lang="${locale}">`);
      expect(page).not.toMatch(/<script|<form|\ssrc=/i);
      return /<h1>(.*)<\/h1>/.exec(page)![1];
    });
    expect(new Set(titles).size).toBe(VERIFY_OUTCOMES.length);
    expect(verifyResultPage({ outcome: 'expired', locale })).toContain('privacy@kiara-api.com');
  });

  it('downloadExpiredPage', () => {
    const page = downloadExpiredPage({ locale });
    expect(page).toContain(`<html lang="${locale}">`);
    expect(page).toContain('privacy@kiara-api.com');
    expect(page).toMatch(locale === 'nl' ? /verlopen/ : /expired/);
    expect(page).not.toMatch(/<script|\ssrc=/i);
  });
});
