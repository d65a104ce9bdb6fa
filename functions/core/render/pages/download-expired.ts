import { html } from '../escape.js';
import type { Locale } from '../types.js';
import { privacyAnchor, renderPage } from './layout.js';

/** Shown when a download link of an access package is used after it expired. */
export function downloadExpiredPage(input: { locale: Locale }): string {
  const nl = input.locale === 'nl';
  return renderPage(
    input.locale,
    nl ? 'Deze downloadlink is verlopen' : 'This download link has expired',
    nl
      ? html`<p>Om uw gegevens te beschermen, zijn downloadlinks maar een beperkte tijd geldig.</p>
<p>Schrijf naar ${privacyAnchor()} en vermeld het kenmerk uit onze e-mail. Zolang het pakket nog beschikbaar is, sturen we u een nieuwe link; anders kunt u een nieuw verzoek indienen.</p>`
      : html`<p>To protect your data, download links are only valid for a limited time.</p>
<p>Write to ${privacyAnchor()}, quoting the reference from our email. As long as the package is still available, we will send you a new link; otherwise you can submit a new request.</p>`,
  );
}
