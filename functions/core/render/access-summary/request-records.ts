import { formatDate, formatInstantDate } from '../dates.js';
import { html, type SafeHtml } from '../escape.js';
import { law } from '../legal.js';
import { rightName } from '../rights.js';
import type { Right } from '../../inventory/types.js';
import { PURPOSES, RECIPIENTS } from '../../inventory/recipients.js';
import { textsFor } from '../texts/index.js';
import type { IsoDate, IsoInstant, Locale } from '../types.js';

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
  const t = textsFor(locale).accessSummary.requestRecords;
  return html`<section aria-labelledby="store-request-records">
<h3 id="store-request-records">${t.title}</h3>
<table>
<thead><tr><th scope="col">${t.received}</th><th scope="col">${t.closed}</th><th scope="col">${t.keptUntil}</th><th scope="col">&nbsp;</th></tr></thead>
<tbody>${section.requests.map(
    (request) =>
      html`<tr><td>${formatInstantDate(request.receivedAt, locale)}</td><td>${request.closedAt ? formatInstantDate(request.closedAt, locale) : t.open}</td><td>${request.keptUntil ? formatDate(request.keptUntil, locale) : '—'}</td><td>${request.types.map((type) => rightName(type, locale)).join(', ')} (<code>${request.requestId}</code>)</td></tr>`,
  )}</tbody>
</table>
<dl>
<dt>${labels.categories}</dt><dd>${t.categories}</dd>
<dt>${labels.purposes}</dt><dd>${t.purpose}: ${LEGAL_BASIS.label[locale]} (${law(LEGAL_BASIS.article, locale)})</dd>
<dt>${labels.recipients}</dt><dd><ul>${RECORD_RECIPIENTS.map((recipient) => html`<li>${recipient.name} (${recipient.category[locale]})</li>`)}</ul></dd>
<dt>${labels.retention}</dt><dd>${t.retention(section.recordRetentionYears)}</dd>
<dt>${labels.source}</dt><dd>${t.source}</dd>
</dl>
<p><code>data/request-records.json</code></p>
</section>
`;
}
