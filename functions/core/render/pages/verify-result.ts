import { html, type SafeHtml } from '../escape.js';
import { RenderInputError } from '../errors.js';
import type { Locale } from '../types.js';
import { privacyAnchor, renderPage } from './layout.js';

export const VERIFY_OUTCOMES = ['confirmed', 'already_used', 'expired', 'invalid', 'locked'] as const;
export type VerifyOutcome = (typeof VERIFY_OUTCOMES)[number];

export interface VerifyResultPageInput {
  outcome: VerifyOutcome;
  locale: Locale;
}

function content(outcome: VerifyOutcome, locale: Locale): { title: string; body: SafeHtml } {
  const nl = locale === 'nl';
  switch (outcome) {
    case 'confirmed':
      return nl
        ? {
            title: 'Bedankt, uw verzoek is bevestigd',
            body: html`<p>We gaan nu met uw verzoek aan de slag en sturen u ons antwoord per e-mail. U kunt deze pagina sluiten.</p>`,
          }
        : {
            title: 'Thank you, your request is confirmed',
            body: html`<p>We are now handling your request and will send you our reply by email. You can close this page.</p>`,
          };
    case 'already_used':
      return nl
        ? {
            title: 'Dit verzoek was al bevestigd',
            body: html`<p>Deze link is al gebruikt, dus u hoeft niets meer te doen. We sturen u ons antwoord per e-mail.</p>`,
          }
        : {
            title: 'This request was already confirmed',
            body: html`<p>This link has already been used, so you do not need to do anything else. We will send you our reply by email.</p>`,
          };
    case 'expired':
      return nl
        ? {
            title: 'Deze link is verlopen',
            body: html`<p>De termijn om uw verzoek te bevestigen is voorbij. Daarom is het verzoek gesloten zonder dat er iets mee is gedaan.</p>
<p>U kunt het opnieuw indienen door een e-mail te sturen naar ${privacyAnchor()}.</p>`,
          }
        : {
            title: 'This link has expired',
            body: html`<p>The period for confirming your request has ended, so the request has been closed without any action.</p>
<p>You can submit it again by emailing ${privacyAnchor()}.</p>`,
          };
    case 'invalid':
      return nl
        ? {
            title: 'Deze link is niet geldig',
            body: html`<p>Controleer of u de volledige link uit de e-mail heeft geopend; sommige e-mailprogramma’s breken lange links af.</p>
<p>Werkt het dan nog steeds niet? Schrijf dan naar ${privacyAnchor()}.</p>`,
          }
        : {
            title: 'This link is not valid',
            body: html`<p>Please check that you opened the complete link from the email; some email programs break long links.</p>
<p>If it still does not work, write to ${privacyAnchor()}.</p>`,
          };
    case 'locked':
      return nl
        ? {
            title: 'Te veel pogingen',
            body: html`<p>Voor uw veiligheid is bevestigen tijdelijk geblokkeerd na te veel pogingen. Probeer het later opnieuw of schrijf naar ${privacyAnchor()}.</p>`,
          }
        : {
            title: 'Too many attempts',
            body: html`<p>For your security, confirmation is temporarily blocked after too many attempts. Please try again later, or write to ${privacyAnchor()}.</p>`,
          };
    default:
      throw new RenderInputError(`Unknown verification outcome ${JSON.stringify(outcome)}`);
  }
}

/** The page shown after the confirming POST (or when the link cannot be used). */
export function verifyResultPage(input: VerifyResultPageInput): string {
  const { title, body } = content(input.outcome, input.locale);
  return renderPage(input.locale, title, body);
}
