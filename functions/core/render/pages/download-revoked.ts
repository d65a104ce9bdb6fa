import { html } from '../escape.js';
import type { Locale } from '../types.js';
import { privacyAnchor, renderPage } from './layout.js';

/** Shown when a download link is used after a later erasure request deleted its package. */
export function downloadRevokedPage(input: { locale: Locale }): string {
  const nl = input.locale === 'nl';
  return renderPage(
    input.locale,
    nl ? 'Dit pakket is verwijderd' : 'This package has been deleted',
    nl
      ? html`<p>U heeft ons na dit pakket verzocht uw persoonsgegevens te wissen (artikel 17 AVG). Wij hebben daarom ook dit pakket verwijderd; deze downloadlink werkt niet meer.</p>
<p>Heeft u vragen? Schrijf dan naar ${privacyAnchor()} en vermeld het kenmerk uit onze e-mail.</p>`
      : html`<p>After this package was made, you asked us to erase your personal data (Art. 17 GDPR). We have therefore deleted this package as well; this download link no longer works.</p>
<p>If you have any questions, write to ${privacyAnchor()}, quoting the reference from our email.</p>`,
  );
}
