import { formatDate, formatInstantDate } from '../dates.js';
import { html, type SafeHtml } from '../escape.js';
import { law } from '../legal.js';
import { rightName } from '../rights.js';
import type { Right } from '../../inventory/types.js';
import { PURPOSES, RECIPIENTS } from '../../inventory/recipients.js';
import type { IsoDate, IsoInstant, Locale, Localized } from '../types.js';

/** One earlier privacy request of the person, as its record is kept. */
export interface RequestRecordEntry {
  requestId: string;
  types: readonly Right[];
  receivedAt: IsoInstant;
  closedAt?: IsoInstant;
  /** The Amsterdam date the record is deleted; absent while the request is open. */
  keptUntil?: IsoDate;
}

/** data/request-records.json and the README section: the records kept of earlier requests. */
export interface RequestRecordsSection {
  recordRetentionYears: number;
  requests: readonly RequestRecordEntry[];
}

/** The Art. 15(1) facts of the records, which come from the way requests are kept, not from the inventory. */
const FACTS: Record<'title' | 'categories' | 'purpose' | 'source' | 'received' | 'closed' | 'keptUntil' | 'open', Localized> = {
  title: { en: 'Records of your privacy requests', nl: 'Dossiers van uw privacyverzoeken' },
  categories: {
    en: 'For each request: the email address it came from, the rights you invoked, the dates, our decisions and the steps taken',
    nl: 'Per verzoek: het e-mailadres waarvan het kwam, de rechten die u uitoefende, de data, onze beslissingen en de genomen stappen',
  },
  purpose: {
    en: 'To handle your requests and to be able to show that we handled them as the GDPR requires (Art. 5(2), 12 and 24 GDPR)',
    nl: 'Om uw verzoeken af te handelen en te kunnen aantonen dat wij dat deden zoals de AVG voorschrijft (artikel 5 lid 2, 12 en 24 AVG)',
  },
  source: {
    en: 'Provided by you when you filed the request, and recorded by us while we handled it',
    nl: 'Door u verstrekt bij het indienen van het verzoek, en door ons vastgelegd tijdens de afhandeling',
  },
  received: { en: 'Received', nl: 'Ontvangen' },
  closed: { en: 'Closed', nl: 'Afgesloten' },
  keptUntil: { en: 'Kept until', nl: 'Bewaard tot' },
  open: { en: 'still open', nl: 'nog in behandeling' },
};

const retentionText = (years: number, locale: Locale) =>
  locale === 'nl'
    ? `${years} jaar na de afsluiting van het verzoek; daarna wordt het dossier in zijn geheel verwijderd`
    : `${years} years after the request was closed; then the whole record is deleted`;

const RECORD_RECIPIENTS = [RECIPIENTS.hosting, RECIPIENTS.email];
/** Art. 6(1)(c): Art. 12 and 5(2) GDPR oblige Kiara to handle requests and account for it. */
const LEGAL_BASIS = PURPOSES.statutoryDuties.legalBasis;

/** The JSON rows of data/request-records.json. */
export function requestRecordsJson(section: RequestRecordsSection) {
  return section.requests.map((request) => ({
    requestId: request.requestId,
    types: request.types,
    receivedAt: request.receivedAt,
    closedAt: request.closedAt ?? null,
    keptUntil: request.keptUntil ?? null,
  }));
}

/** The README.html section on the records, with their Art. 15(1) information. */
export function requestRecordsHtml(
  section: RequestRecordsSection,
  locale: Locale,
  labels: Record<'categories' | 'purposes' | 'recipients' | 'retention' | 'source', string>,
): SafeHtml {
  return html`<section aria-labelledby="store-request-records">
<h3 id="store-request-records">${FACTS.title[locale]}</h3>
<table>
<thead><tr><th scope="col">${FACTS.received[locale]}</th><th scope="col">${FACTS.closed[locale]}</th><th scope="col">${FACTS.keptUntil[locale]}</th><th scope="col">&nbsp;</th></tr></thead>
<tbody>${section.requests.map(
    (request) =>
      html`<tr><td>${formatInstantDate(request.receivedAt, locale)}</td><td>${request.closedAt ? formatInstantDate(request.closedAt, locale) : FACTS.open[locale]}</td><td>${request.keptUntil ? formatDate(request.keptUntil, locale) : '—'}</td><td>${request.types.map((type) => rightName(type, locale)).join(', ')} (<code>${request.requestId}</code>)</td></tr>`,
  )}</tbody>
</table>
<dl>
<dt>${labels.categories}</dt><dd>${FACTS.categories[locale]}</dd>
<dt>${labels.purposes}</dt><dd>${FACTS.purpose[locale]}: ${LEGAL_BASIS.label[locale]} (${law(LEGAL_BASIS.article, locale)})</dd>
<dt>${labels.recipients}</dt><dd><ul>${RECORD_RECIPIENTS.map((recipient) => html`<li>${recipient.name} (${recipient.category[locale]})</li>`)}</ul></dd>
<dt>${labels.retention}</dt><dd>${retentionText(section.recordRetentionYears, locale)}</dd>
<dt>${labels.source}</dt><dd>${FACTS.source[locale]}</dd>
</dl>
<p><code>data/request-records.json</code></p>
</section>
`;
}
