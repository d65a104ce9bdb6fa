import { html } from '../escape.js';
import { checkUrl } from '../urls.js';
import type { Locale } from '../types.js';
import { renderPage } from './layout.js';

export interface VerifyPageInput {
  /** Shown when known, so the person can match it with the email. */
  requestId?: string;
  /** Where the confirming POST goes (absolute http(s) URL or a path on this site). */
  actionUrl: string;
  locale: Locale;
}

/**
 * The page behind the identity link. Opening it (GET) confirms nothing: link scanners in
 * mail systems open links too. The only confirming control is one POST form.
 */
export function verifyPage(input: VerifyPageInput): string {
  const { locale, requestId } = input;
  const action = checkUrl(input.actionUrl, { allowPath: true });
  const nl = locale === 'nl';
  const title = nl ? 'Bevestig uw privacyverzoek' : 'Confirm your privacy request';
  const intro = nl
    ? html`<p>Bevestig dat u het privacyverzoek${requestId ? html` met kenmerk <strong>${requestId}</strong>` : ''} heeft ingediend vanaf het e-mailadres waarnaar deze link is gestuurd. Na uw bevestiging behandelt Kiara het verzoek en stuurt het antwoord naar dat adres.</p>`
    : html`<p>Please confirm that you sent the privacy request${requestId ? html` with reference <strong>${requestId}</strong>` : ''} from the email address this link was sent to. After you confirm, Kiara will handle the request and send its reply to that address.</p>`;
  const body = html`${intro}
<form method="post" action="${action}">
<button type="submit">${nl ? 'Mijn verzoek bevestigen' : 'Confirm my request'}</button>
</form>
<p class="small">${
    nl
      ? 'Het openen van deze pagina heeft nog niets bevestigd: dat gebeurt pas als u op de knop drukt. Zo kunnen programma’s die links in e-mails automatisch controleren, uw verzoek niet per ongeluk bevestigen.'
      : 'Opening this page has not confirmed anything: only pressing the button does. This way, programs that automatically check links in emails cannot confirm your request by accident.'
  }</p>
<p class="small">${
    nl
      ? 'Heeft u dit verzoek niet ingediend? Sluit deze pagina dan. Zonder bevestiging gebeurt er niets.'
      : 'Did you not send this request? Then close this page. Without confirmation, nothing happens.'
  }</p>`;
  return renderPage(locale, title, body);
}
