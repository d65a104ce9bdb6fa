/**
 * The pages behind the links in the emails (pages/). Their text is HTML: `privacy` is the
 * privacy address as a link, `reference` the request's reference in bold.
 */
import { html, type SafeHtml } from '../../escape.js';
import type { VerifyOutcome } from '../../pages/verify-result.js';
import { law } from '../../legal.js';

const cite = (reference: string) => law(reference, 'en');

export const pages = {
  privacyTeam: 'privacy team',
  verify: {
    title: 'Confirm your privacy request',
    intro: (reference: SafeHtml | '') =>
      html`<p>Please confirm that you sent the privacy request${reference ? html` with reference ${reference}` : ''} from the email address this link was sent to. After you confirm, Kiara will handle the request and send its reply to that address.</p>`,
    button: 'Confirm my request',
    openingConfirmsNothing:
      'Opening this page has not confirmed anything: only pressing the button does. This way, programs that automatically check links in emails cannot confirm your request by accident.',
    notYou: 'Did you not send this request? Then close this page. Without confirmation, nothing happens.',
  },
  verifyResult: {
    confirmed: {
      title: 'Thank you, your request is confirmed',
      body: (_privacy: SafeHtml) => html`<p>We are now handling your request and will send you our reply by email. You can close this page.</p>`,
    },
    already_used: {
      title: 'This request was already confirmed',
      body: (_privacy: SafeHtml) =>
        html`<p>This link has already been used, so you do not need to do anything else. We will send you our reply by email.</p>`,
    },
    expired: {
      title: 'This link has expired',
      body: (privacy: SafeHtml) => html`<p>The period for confirming your request has ended, so the request has been closed without any action.</p>
<p>You can submit it again by emailing ${privacy}.</p>`,
    },
    invalid: {
      title: 'This link is not valid',
      body: (privacy: SafeHtml) => html`<p>Please check that you opened the complete link from the email; some email programs break long links.</p>
<p>If it still does not work, write to ${privacy}.</p>`,
    },
    locked: {
      title: 'Too many attempts',
      body: (privacy: SafeHtml) =>
        html`<p>For your security, confirmation is temporarily blocked after too many attempts. Please try again later, or write to ${privacy}.</p>`,
    },
  } satisfies Record<VerifyOutcome, { title: string; body: (privacy: SafeHtml) => SafeHtml }>,
  downloadExpired: {
    title: 'This download link has expired',
    body: (privacy: SafeHtml) => html`<p>To protect your data, download links are only valid for a limited time.</p>
<p>Write to ${privacy}, quoting the reference from our email. As long as the package is still available, we will send you a new link; otherwise you can submit a new request.</p>`,
  },
  downloadRevoked: {
    title: 'This package has been deleted',
    body: (privacy: SafeHtml) => html`<p>After this package was put together, you asked us to erase your personal data (${cite('Art. 17')}). We have therefore deleted this package as well; this download link no longer works.</p>
<p>If you have any questions, write to ${privacy}, quoting the reference from our email.</p>`,
  },
};
