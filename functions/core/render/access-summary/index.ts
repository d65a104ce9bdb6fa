import type { Right, StoreDefinition } from '../../inventory/types.js';
import { formatInstantDate } from '../dates.js';
import { html, type SafeHtml } from '../escape.js';
import { CONTROLLER, SUPERVISORY_AUTHORITY, law } from '../legal.js';
import { checkCount } from '../numbers.js';
import { orderedRights, rightArticle, rightName } from '../rights.js';
import { accessPackageFiles, resolveStore, storeCount, type Inventory } from '../stores.js';
import type { IsoInstant, Locale, StoreCount } from '../types.js';
import type { AgedOutWindow } from '../../plan/aged-out.js';
import { agedOutHtml } from './aged-out.js';
import { requestRecordsHtml, requestRecordsJson, type RequestRecordsSection } from './request-records.js';
import { textsFor } from '../texts/index.js';

/** The rights the README lists besides access (Art. 15(1)(e), policy §7), in this order. */
const OTHER_RIGHTS = ['rectification', 'erasure', 'restriction', 'objection', 'portability', 'withdraw_consent'] as const satisfies readonly Right[];

export interface AccessSummaryInput {
  requestId: string;
  locale: Locale;
  /** When the package was made. */
  generatedAt: IsoInstant;
  /** The rights the package answers (access and/or portability). */
  types: readonly Right[];
  /** The stores included, with their item counts (file count for the media store). */
  stores: readonly StoreCount[];
  /** Defaults to Kiara's inventory. */
  inventory?: Inventory;
  /** The records kept of the person's earlier requests, when there are any. */
  requestRecords?: RequestRecordsSection;
  /** Data that may have aged out between receipt and collection (see agedOutWindows). */
  agedOut?: readonly AgedOutWindow[];
}

/** summary.json: the Art. 15(1) information of the package, in the reader's language. */
export interface AccessSummaryJson {
  schemaVersion: 1;
  requestId: string;
  locale: Locale;
  generatedAt: string;
  rightsInvoked: Array<{ right: Right; name: string; article: string }>;
  controller: { name: string; country: string; contact: string };
  stores: Array<{
    id: string;
    title: string;
    itemCount: number;
    itemCountText: string;
    categories: string;
    purposes: Array<{ description: string; legalBasis: { article: string; label: string } }>;
    recipients: Array<{ name: string; category: string }>;
    retention: { description: string; days: number | null };
    source: { code: StoreDefinition['source']; description: string };
    files: string[];
  }>;
  otherDisclosures: string;
  internationalTransfers: { safeguards: string[]; description: string };
  otherRights: Array<{ right: Right; name: string; article: string; description: string }>;
  howToExerciseRights: string;
  complaint: { authority: string; website: string; description: string };
  automatedDecisionMaking: {
    decisionsWithLegalOrSimilarEffect: false;
    automatedSystems: string[];
    humanReviewOfMaterialEnforcementDecisions: true;
    description: string;
  };
  packageFormats: string;
  portabilityNote?: string;
  requestRecords?: ReturnType<typeof requestRecordsJson>;
  agedOut?: readonly AgedOutWindow[];
}

function buildJson(input: AccessSummaryInput): AccessSummaryJson {
  const { locale } = input;
  const t = textsFor(locale).accessSummary;
  const stores = input.stores.map((entry) => {
    const store = resolveStore(entry.storeId, input.inventory);
    const itemCount = checkCount(entry.itemCount, 'item count');
    return {
      id: store.id,
      title: store.title[locale],
      itemCount,
      itemCountText: storeCount(store, itemCount, locale),
      categories: store.categories[locale],
      purposes: store.purposes.map((purpose) => ({
        description: purpose.description[locale],
        legalBasis: { article: law(purpose.legalBasis.article, locale), label: purpose.legalBasis.label[locale] },
      })),
      recipients: store.recipients.map((recipient) => ({ name: recipient.name, category: recipient.category[locale] })),
      retention: { description: store.retention.description[locale], days: store.retention.days ?? null },
      source: { code: store.source, description: t.sources[store.source] },
      files: accessPackageFiles(store),
    };
  });
  const invoked = orderedRights(input.types);
  return {
    schemaVersion: 1,
    requestId: input.requestId,
    locale,
    generatedAt: input.generatedAt,
    rightsInvoked: invoked.map((right) => ({ right, name: rightName(right, locale), article: rightArticle(right, locale) })),
    controller: { name: CONTROLLER.name, country: CONTROLLER.country[locale], contact: CONTROLLER.privacyEmail },
    stores,
    otherDisclosures: t.otherDisclosures,
    internationalTransfers: {
      safeguards: ['standard_contractual_clauses', 'supplementary_measures', 'adequacy_decision'],
      description: t.transfers,
    },
    otherRights: OTHER_RIGHTS.map((right) => ({
      right,
      name: rightName(right, locale),
      article: rightArticle(right, locale),
      description: t.otherRights[right],
    })),
    howToExerciseRights: t.rightsHow,
    complaint: { authority: SUPERVISORY_AUTHORITY.name, website: SUPERVISORY_AUTHORITY.website, description: t.complaint },
    automatedDecisionMaking: {
      decisionsWithLegalOrSimilarEffect: false,
      automatedSystems: ['moderation', 'abuse_detection', 'rate_limiting'],
      humanReviewOfMaterialEnforcementDecisions: true,
      description: t.automated,
    },
    packageFormats: t.formats(stores.some((store) => store.files.includes('media/'))),
    ...(input.types.includes('portability') ? { portabilityNote: t.portabilityNote } : {}),
    ...(input.requestRecords?.requests.length ? { requestRecords: requestRecordsJson(input.requestRecords) } : {}),
    ...(input.agedOut?.length ? { agedOut: input.agedOut } : {}),
  };
}

const CSS = `
body{margin:0;background:#f3f4f6;color:#111827;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5}
main{max-width:860px;margin:24px auto;padding:24px 32px;background:#fff}
h1{font-size:26px;line-height:1.3;margin:0 0 16px}
h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
h3{font-size:17px;margin:24px 0 8px}
p{margin:0 0 12px}
table{border-collapse:collapse;width:100%;margin:0 0 16px}
caption{text-align:left;font-weight:bold;padding:0 0 8px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e5e7eb}
thead th{border-bottom:2px solid #d1d5db}
dl{margin:0 0 12px}
dt{font-weight:bold;margin-top:8px}
dd{margin:0 0 4px 0}
dd ul,main>ul{margin:0;padding-left:22px}
code{font-family:Consolas,Menlo,monospace;font-size:14px}
`;

function renderHtml(json: AccessSummaryJson, locale: Locale, records?: RequestRecordsSection): string {
  const t = textsFor(locale).accessSummary;
  const withRecords = Boolean(records?.requests.length);
  const created = formatInstantDate(json.generatedAt, locale);
  const sections: SafeHtml[] = json.stores.map(
    (store) => html`<section aria-labelledby="store-${store.id}">
<h3 id="store-${store.id}">${store.title} <small>(${t.count.toLowerCase()}: ${store.itemCountText})</small></h3>
<dl>
<dt>${t.categories}</dt><dd>${store.categories}</dd>
<dt>${t.purposes}</dt><dd><ul>${store.purposes.map(
      (purpose) => html`<li>${purpose.description}: ${purpose.legalBasis.label} (${purpose.legalBasis.article})</li>`,
    )}</ul></dd>
<dt>${t.recipients}</dt><dd><ul>${store.recipients.map(
      (recipient) => html`<li>${recipient.name} (${recipient.category})</li>`,
    )}</ul></dd>
<dt>${t.retention}</dt><dd>${store.retention.description}</dd>
<dt>${t.source}</dt><dd>${store.source.description}</dd>
<dt>${t.files}</dt><dd><ul>${store.files.map((file) => html`<li><code>${file}</code></li>`)}</ul></dd>
</dl>
</section>
`,
  );
  return html`<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${t.title}</h1>
<p>${json.rightsInvoked.some((entry) => entry.right === 'access') ? t.intro(created) : t.portabilityIntro(created)}</p>
${json.portabilityNote ? html`<p>${json.portabilityNote}</p>` : ''}
<table>
<tbody>
<tr><th scope="row">${t.reference}</th><td>${json.requestId}</td></tr>
<tr><th scope="row">${t.createdOn}</th><td>${created}</td></tr>
<tr><th scope="row">${t.rightsInvoked}</th><td>${json.rightsInvoked.map(
    (right, index) => html`${index > 0 ? html`<br>` : ''}${right.name} (${right.article})`,
  )}</td></tr>
</tbody>
</table>
<h2>${t.controllerHeading}</h2>
<p>${t.controller}</p>
<h2>${t.contentsHeading}</h2>
${
  json.stores.length > 0
    ? html`<table>
<caption>${t.contentsCaption}</caption>
<thead><tr>${t.contentsHead.map((cell) => html`<th scope="col">${cell}</th>`)}</tr></thead>
<tbody>${json.stores.map(
        (store) =>
          html`<tr><th scope="row"><a href="#store-${store.id}">${store.title}</a></th><td>${store.itemCountText}</td><td>${store.files.map(
            (file, index) => html`${index > 0 ? html`<br>` : ''}<code>${file}</code>`,
          )}</td></tr>`,
      )}</tbody>
</table>`
    : withRecords
      ? ''
      : html`<p>${t.noStores}</p>`
}
<p>${json.packageFormats}</p>
${json.agedOut ? agedOutHtml(json.agedOut, locale) : ''}<h2>${t.perStoreHeading}</h2>
${sections}
${withRecords ? requestRecordsHtml(records!, locale, t) : ''}<p>${json.otherDisclosures}</p>
<h2>${t.transfersHeading}</h2>
<p>${json.internationalTransfers.description}</p>
<h2>${t.rightsHeading}</h2>
<p>${t.rightsIntro}</p>
<ul>${json.otherRights.map((right) => html`<li><strong>${right.name}</strong> (${right.article}): ${right.description}</li>`)}</ul>
<p>${json.howToExerciseRights}</p>
<h2>${t.complaintHeading}</h2>
<p>${json.complaint.description}</p>
<h2>${t.automatedHeading}</h2>
<p>${json.automatedDecisionMaking.description}</p>
</main>
</body>
</html>
`.value;
}

/**
 * README.html and summary.json of an access package: the Art. 15(1) information, made from
 * the inventory for the stores included, with their item counts.
 */
export function renderAccessSummary(input: AccessSummaryInput): { html: string; json: AccessSummaryJson } {
  const json = buildJson(input);
  return { html: renderHtml(json, input.locale, input.requestRecords), json };
}
