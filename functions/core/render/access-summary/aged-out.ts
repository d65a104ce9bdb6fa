import type { AgedOutWindow } from '../../plan/aged-out.js';
import { formatInstantDateTime } from '../dates.js';
import { html, type SafeHtml } from '../escape.js';
import { formatCount } from '../numbers.js';
import { resolveStore } from '../stores.js';
import type { Locale } from '../types.js';

/** The README.html paragraph on data that may have aged out before it was collected. */
export function agedOutHtml(windows: readonly AgedOutWindow[], locale: Locale): SafeHtml {
  const nl = locale === 'nl';
  return html`<h2>${nl ? 'Gegevens die vóór het verzamelen kunnen zijn verlopen' : 'Data that may have aged out before we collected it'}</h2>
<p>${
    nl
      ? 'Tussen de ontvangst van uw verzoek en het moment waarop wij uw gegevens voor dit verzoek veiligstelden, bereikten deze gegevens het einde van hun bewaartermijn. Volgens ons bewaarbeleid kunnen ze in die tijd zijn verwijderd; dan staan ze niet in dit pakket:'
      : 'Between the receipt of your request and the moment we secured your data for it, the following data reached the end of its retention period. Under our retention policy it may have been deleted in that time, and is then not in this package:'
  }</p>
<ul>${windows.map((window) => {
    const store = resolveStore(window.storeId);
    const from = formatInstantDateTime(window.from, locale);
    const to = formatInstantDateTime(window.to, locale);
    const days = formatCount(window.days, 'day', locale);
    return html`<li>${store.title[locale]}: ${nl ? `vastgelegd tussen ${from} en ${to} (bewaartermijn ${days})` : `recorded between ${from} and ${to} (kept ${days})`}</li>`;
  })}</ul>
<p>${
    nl
      ? 'Vanaf dat moment hebben wij niets meer laten verlopen: wat wij toen hadden, staat in dit pakket.'
      : 'From that moment on, nothing was left to age out: what we held then is in this package.'
  }</p>
`;
}
