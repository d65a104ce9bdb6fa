import type { Right } from '../../inventory/types.js';
import { formatInstantDate, formatInstantDateTime } from '../dates.js';
import { decisionBlocks, type ReviewedRights } from '../decisions.js';
import { renderEmail, type Block } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import { resolveStore, storeCount, type Inventory } from '../stores.js';
import { textsFor } from '../texts/index.js';
import type { IsoInstant, RenderedEmail, StoreCount, SubjectEmailBase } from '../types.js';
import { remedyBlocks, subjectFooter, subjectReference } from './common.js';

export interface AccessReadyInput extends SubjectEmailBase {
  /** The rights the package answers: access and/or portability. */
  types: readonly Right[];
  downloadUrl: string;
  /** When the (signed) download link stops working. */
  linkExpiresAt: IsoInstant;
  /** When the package itself is deleted. */
  packageExpiresAt: IsoInstant;
  /** A new link the privacy team sent for the same package: the earlier link no longer works. */
  reissued?: boolean;
  /** The stores in the package, with the number of items (files for the media store). */
  stores: readonly StoreCount[];
  /** Defaults to Kiara's inventory. */
  inventory?: Inventory;
  /** The review's decision on every right, when this reply is the one that carries it. */
  review?: ReviewedRights;
}

/** The access/portability package is ready: the link, its expiry and what the ZIP holds. */
export function accessReady(input: AccessReadyInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).accessReady;
  const linkUntil = formatInstantDateTime(input.linkExpiresAt, locale);
  const packageUntil = formatInstantDate(input.packageExpiresAt, locale);
  const stores = input.stores.map((entry) => ({ store: resolveStore(entry.storeId, input.inventory), count: entry.itemCount }));
  const hasMedia = stores.some(({ store }) => store.location.kind === 's3');
  const portability = input.types.includes('portability');

  const blocks: Array<Block | false> = [
    Boolean(input.reissued) && { kind: 'paragraph', text: t.reissued },
    { kind: 'paragraph', text: t.intro(rightsPhrase(input.types, locale)) },
    { kind: 'button', label: t.button, url: input.downloadUrl, fallback: textsFor(locale).common.buttonFallback },
    {
      kind: 'facts',
      rows: [
        [t.linkValidUntil, linkUntil],
        [t.packageDeletedOn, packageUntil],
      ],
    },
    { kind: 'paragraph', text: t.personalLink(packageUntil) },
    { kind: 'heading', text: t.contentsHeading },
    stores.length > 0
      ? {
          kind: 'table',
          caption: t.contentsCaption,
          head: t.contentsHead,
          rows: stores.map(({ store, count }) => [store.title[locale], storeCount(store, count, locale)]),
        }
      : { kind: 'paragraph', text: t.nothingFound },
    { kind: 'paragraph', text: t.formats(hasMedia) },
    portability && { kind: 'paragraph', text: t.portability },
    { kind: 'paragraph', text: t.readme },
  ];
  const decisions = input.review ? decisionBlocks(input.review, locale) : [];
  if (decisions.length > 0) blocks.push(...decisions, ...remedyBlocks(requestId, locale));

  const reference = subjectReference(requestId, locale);
  return renderEmail({
    locale,
    subject: input.reissued ? t.reissuedSubject(reference) : t.subject(reference),
    title: input.reissued ? t.reissuedTitle : t.title,
    blocks,
    footer: subjectFooter(requestId, locale),
  });
}
