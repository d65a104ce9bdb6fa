/**
 * Every text a person receives, rendered in English and Dutch and compared with its
 * reviewed snapshot in test/functions/core/render/texts/ (one file per text and language). A change to a
 * text fails here until the snapshot is updated (`npx vitest run test/functions/core/render/texts.test.ts -u`)
 * and the new file is reviewed in the diff, as a translator or the privacy team reads it.
 */
import { describe, expect, it } from 'vitest';
import {
  acknowledgement,
  accessReady,
  cancellationConfirmation,
  deadlineEscalation,
  deadlineReminder,
  dismissalReply,
  downloadExpiredPage,
  downloadRevokedPage,
  erasureNotice,
  erasureReport,
  keptOnDecision,
  minorErasureNotice,
  rectificationNotice,
  extensionNotice,
  identityExpired,
  noData,
  rejection,
  restrictionLifted,
  renderAccessSummary,
  reviewNeeded,
  rightsOutcome,
  stepFailure,
  storeFailure,
  noticeFailure,
  triageNeeded,
  VERIFY_OUTCOMES,
  verifyPage,
  verifyResultPage,
  type Locale,
  type RenderedEmail,
} from '../../../../functions/core/render/index.js';
import { restrictionNotice } from '../../../../functions/core/render/emails/restriction-notice.js';
import { RECIPIENTS } from '../../../../functions/core/inventory/index.js';

const requestId = 'dsr_example';
const receivedAt = '2026-06-14T22:15:00Z';
const consoleUrl = 'https://console.example/#/requests/dsr_example';
const legalClaim = { decision: 'refuse', ground: 'legal_claims', facts: 'An invoice dispute with you is pending before the district court of Amsterdam.' } as const;

/** Each email to a person, by the name of its snapshot. */
const EMAILS: Record<string, (locale: Locale) => RenderedEmail> = {
  'acknowledgement': (locale) => acknowledgement({ requestId, locale, receivedAt, types: ['access', 'erasure'], deadline: '2026-07-15', verification: { verifyUrl: 'https://api.example/v1/verify/TOKEN', expiresAt: '2026-06-21T22:15:00Z' } }),
  'acknowledgement-dashboard': (locale) => acknowledgement({ requestId, locale, receivedAt, types: ['portability'], deadline: '2026-07-15', verification: null }),
  'acknowledgement-confirmed-by-link': (locale) =>
    acknowledgement({ requestId, locale, receivedAt, types: ['access'], deadline: '2026-07-15', verification: null, identityConfirmedBy: 'email_link' }),
  'identity-expired': (locale) => identityExpired({ requestId, locale, receivedAt, types: ['access'], confirmBy: '2026-06-21T22:15:00Z' }),
  'no-data': (locale) => noData({ requestId, locale, receivedAt, types: ['erasure'] }),
  'access-ready': (locale) => accessReady({ requestId, locale, types: ['access'], downloadUrl: 'https://api.example/v1/downloads/TOKEN', linkExpiresAt: '2026-06-27T10:00:00Z', packageExpiresAt: '2026-07-20T10:00:00Z', stores: [{ storeId: 'account', itemCount: 1 }, { storeId: 'media', itemCount: 6 }] }),
  'access-ready-portability': (locale) => accessReady({ requestId, locale, types: ['portability'], downloadUrl: 'https://api.example/v1/downloads/TOKEN', linkExpiresAt: '2026-06-27T10:00:00Z', packageExpiresAt: '2026-07-20T10:00:00Z', stores: [{ storeId: 'generations', itemCount: 5 }] }),
  'access-ready-erasure-refused': (locale) => accessReady({ requestId, locale, types: ['access'], downloadUrl: 'https://api.example/v1/downloads/TOKEN', linkExpiresAt: '2026-06-27T10:00:00Z', packageExpiresAt: '2026-07-20T10:00:00Z', stores: [{ storeId: 'account', itemCount: 1 }], review: { types: ['access', 'erasure'], decisions: { access: { decision: 'grant' }, erasure: legalClaim } } }),
  'download-link-reissued': (locale) => accessReady({ requestId, locale, types: ['access'], reissued: true, downloadUrl: 'https://api.example/v1/downloads/TOKEN2', linkExpiresAt: '2026-06-30T10:00:00Z', packageExpiresAt: '2026-07-20T10:00:00Z', stores: [{ storeId: 'account', itemCount: 1 }] }),
  'erasure-report': (locale) => erasureReport({ requestId, locale, erased: [{ storeId: 'account', itemCount: 1 }, { storeId: 'media', itemCount: 6 }], kept: [{ storeId: 'invoices', itemCount: 3, keptUntil: '2033-12-31' }], notifiedRecipients: [RECIPIENTS.hosting, RECIPIENTS.payments] }),
  'rejection': (locale) => rejection({ requestId, locale, receivedAt, types: ['access'], decisions: { access: { decision: 'refuse', ground: 'excessive', facts: 'Five identical requests were received between 1 and 5 June 2026.' } } }),
  'erasure-report-partial': (locale) => {
    const decisions = { erasure: { decision: 'partial', ground: 'legal_claims', facts: 'You have started proceedings about a support conversation of March 2026 (district court of Amsterdam, case 2026/456).', keep: ['support'], until: '2027-06-30' } } as const;
    return erasureReport({ requestId, locale, erased: [{ storeId: 'account', itemCount: 1 }], kept: [], keptOnDecision: keptOnDecision(decisions), review: { types: ['erasure'], decisions } });
  },
  'rejection-late': (locale) => rejection({ requestId, locale, receivedAt, types: ['erasure'], decisions: { erasure: legalClaim }, late: { refusalDeadline: '2026-07-15', decidedAt: '2026-07-20T10:00:00Z' } }),
  'extension-notice': (locale) => extensionNotice({ requestId, locale, reason: 'Your account holds over 40,000 generations across several projects.', originalDeadline: '2026-07-15', extendedDeadline: '2026-09-14' }),
  'rights-outcome': (locale) => rightsOutcome({ requestId, locale, receivedAt, types: ['rectification', 'objection', 'withdraw_consent'], outcome: 'We corrected your email address and stopped the reliability analysis of your request logs.' }),
  'rights-outcome-rectification': (locale) =>
    rightsOutcome({
      requestId,
      locale,
      receivedAt,
      types: ['rectification'],
      outcome: 'We corrected the email address, the display name and the marketing preference of your account.',
      corrections: [
        { field: 'email', from: 'ada@example.com', to: 'ada.lovelace@example.org' },
        { field: 'displayName', from: 'Ada Lovelace', to: 'Ada King' },
        { field: 'marketingEmails', from: true, to: false },
      ],
      notifiedRecipients: [RECIPIENTS.hosting, RECIPIENTS.email],
    }),
  'rights-outcome-restriction': (locale) =>
    rightsOutcome({
      requestId,
      locale,
      receivedAt,
      types: ['restriction'],
      outcome: 'We restricted your data while we check the accuracy of your usage records.',
      restriction: {
        taggedFiles: 6,
        held: [{ storeId: 'usage-logs', itemCount: 21 }, { storeId: 'media', itemCount: 6 }],
        notifiedRecipients: [RECIPIENTS.hosting, RECIPIENTS.email],
      },
    }),
  'rights-outcome-restriction-nothing-held': (locale) =>
    rightsOutcome({
      requestId,
      locale,
      receivedAt,
      types: ['restriction'],
      outcome: 'We restricted your data while we handle your objection.',
      restriction: { taggedFiles: 0, held: [], notifiedRecipients: [] },
    }),
  'rights-outcome-objection-partial': (locale) => rightsOutcome({ requestId, locale, receivedAt, types: ['objection'], outcome: 'We stopped the reliability analysis of your request logs.', decisions: { objection: { decision: 'partial', ground: 'compelling_grounds', facts: 'Security logs of the last 30 days are needed to investigate an ongoing attack.' } }, review: { types: ['objection'], decisions: { objection: { decision: 'partial', ground: 'compelling_grounds', facts: 'Security logs of the last 30 days are needed to investigate an ongoing attack.' } } } }),
  'cancellation': (locale) => cancellationConfirmation({ requestId, locale, receivedAt, types: ['erasure'] }),
  'dismissal-reply': (locale) => dismissalReply({ requestId, locale, receivedAt, message: 'Our support desk at support@kiara-api.com can help you with your invoice.' }),
  'minor-erasure-notice': (locale) => minorErasureNotice({ requestId, locale, erased: ['account', 'generations', 'media'], kept: [{ storeId: 'invoices', keptUntil: '2033-12-31' }] }),
  'restriction-lifted': (locale) => restrictionLifted({ requestId, locale, receivedAt, types: ['restriction'], reason: 'We have verified that your email address is correct, which was the accuracy you contested.' }),
  'team-triage-needed': (locale) => triageNeeded({ requestId, locale, consoleUrl, daysLeft: 20, legalDeadline: '2026-07-15', held: true }),
  'team-review-needed': (locale) => reviewNeeded({ requestId, locale, consoleUrl, types: ['access', 'erasure'], daysLeft: 9, legalDeadline: '2026-07-15', note: 'requester_email_differs_from_account' }),
  'team-step-failure': (locale) => stepFailure({ requestId, locale, consoleUrl, failedStep: 'RespondResult', errorName: 'MessageRejected' }),
  'team-store-failure': (locale) => storeFailure({ requestId, locale, consoleUrl, storeId: 'usage-logs', errorName: 'ResourceNotFoundException', attempts: 4 }),
  'team-notice-failure': (locale) => noticeFailure({ requestId, locale, consoleUrl, notice: 'extension_notice', errorName: 'MessageRejected' }),
  'team-deadline-reminder': (locale) => deadlineReminder({ requestId, locale, consoleUrl, daysLeft: 3, daysLeftTo: 'strict', strictDeadline: '2026-07-15', legalDeadline: '2026-07-16', status: 'processing' }),
  'team-escalation-strict': (locale) => deadlineEscalation({ requestId, locale, consoleUrl, missed: 'strict', deadline: '2026-07-15', legalDeadline: '2026-07-16', status: 'processing' }),
  'team-escalation-legal': (locale) => deadlineEscalation({ requestId, locale, consoleUrl, missed: 'legal', deadline: '2026-07-16', status: 'processing' }),
  'team-escalation-refusal': (locale) => deadlineEscalation({ requestId, locale, consoleUrl, missed: 'refusal', deadline: '2026-07-15', legalDeadline: '2026-09-14', status: 'awaiting_review' }),
};

/** Each page a person opens, and the package's README. */
const PAGES: Record<string, (locale: Locale) => string> = {
  'page-verify': (locale) => verifyPage({ requestId, actionUrl: '/v1/verify/TOKEN', locale }),
  ...Object.fromEntries(VERIFY_OUTCOMES.map((outcome) => [`page-verify-${outcome}`, (locale: Locale) => verifyResultPage({ outcome, locale })])),
  'page-download-expired': (locale) => downloadExpiredPage({ locale }),
  'page-download-revoked': (locale) => downloadRevokedPage({ locale }),
  'package-readme-access': (locale) => renderAccessSummary({ requestId, locale, generatedAt: '2026-06-20T10:00:00Z', types: ['access'], stores: [{ storeId: 'account', itemCount: 1 }, { storeId: 'invoices', itemCount: 3 }] }).html,
  'package-readme-portability': (locale) => renderAccessSummary({ requestId, locale, generatedAt: '2026-06-20T10:00:00Z', types: ['portability'], stores: [{ storeId: 'generations', itemCount: 5 }] }).html,
};

const LOCALES: Locale[] = ['en', 'nl'];

describe('every email, as people read it, against its reviewed snapshot', () => {
  it.each(Object.keys(EMAILS).flatMap((name) => LOCALES.map((locale) => [name, locale] as const)))('%s (%s)', async (name, locale) => {
    const email = EMAILS[name]!(locale);
    await expect(`Subject: ${email.subject}\n\n${email.text}\n`).toMatchFileSnapshot(`texts/${name}.${locale}.txt`);
  });

  it('the Art. 19 notice to a recipient (English, the processors\' language)', async () => {
    const email = erasureNotice({ requestId, accountId: 'acct_01j9ada7c3f9', recipient: RECIPIENTS.aiCompute, storeIds: ['generations', 'media'], erasedAt: '2026-06-20T10:00:00Z' });
    await expect(`Subject: ${email.subject}\n\n${email.text}\n`).toMatchFileSnapshot('texts/art19-notice.en.txt');
  });

  it('the Art. 19 notice of a rectification (attribute names, never values)', async () => {
    const email = rectificationNotice({
      requestId,
      accountId: 'acct_01j9ada7c3f9',
      recipient: RECIPIENTS.hosting,
      corrected: [{ storeId: 'account', field: 'email' }, { storeId: 'account', field: 'displayName' }],
      correctedAt: '2026-06-20T10:00:00Z',
    });
    await expect(`Subject: ${email.subject}\n\n${email.text}\n`).toMatchFileSnapshot('texts/art19-rectification-notice.en.txt');
  });

  it('the Art. 19 notice of a restriction (how Kiara marks the data)', async () => {
    const email = restrictionNotice({ requestId, accountId: 'acct_01j9ada7c3f9', recipient: RECIPIENTS.hosting, storeIds: ['account', 'media'], restrictedAt: '2026-06-20T10:00:00Z' });
    await expect(`Subject: ${email.subject}\n\n${email.text}\n`).toMatchFileSnapshot('texts/art19-restriction-notice.en.txt');
  });
});

/** A page's language and body: what a reader sees (the shared styles of the head are no text). */
const readable = (page: string) => `${/<html lang="\w+">/.exec(page)![0]}\n${page.slice(page.indexOf('<body'))}`;

describe('every page, against its reviewed snapshot', () => {
  it.each(Object.keys(PAGES).flatMap((name) => LOCALES.map((locale) => [name, locale] as const)))('%s (%s)', async (name, locale) => {
    await expect(readable(PAGES[name]!(locale))).toMatchFileSnapshot(`texts/${name}.${locale}.html`);
  });
});
