import type { AgedOutWindow } from '../../plan/aged-out.js';
import { formatInstantDateTime } from '../dates.js';
import { html, type SafeHtml } from '../escape.js';
import { formatCount } from '../numbers.js';
import { resolveStore } from '../stores.js';
import { textsFor } from '../texts/index.js';
import type { Locale } from '../types.js';

/** The README.html paragraph on data that may have aged out before it was collected. */
export function agedOutHtml(windows: readonly AgedOutWindow[], locale: Locale): SafeHtml {
  const t = textsFor(locale).accessSummary.agedOut;
  return html`<h2>${t.heading}</h2>
<p>${t.intro}</p>
<ul>${windows.map((window) => {
    const store = resolveStore(window.storeId);
    const from = formatInstantDateTime(window.from, locale);
    const to = formatInstantDateTime(window.to, locale);
    const days = formatCount(window.days, 'day', locale);
    return html`<li>${store.title[locale]}: ${t.window(from, to, days)}</li>`;
  })}</ul>
<p>${t.after}</p>
`;
}
