import { formatDate } from '../dates.js';
import { law } from '../legal.js';
import { renderEmail } from '../layout.js';
import { resolveStore } from '../stores.js';
import { textsFor } from '../texts/index.js';
import type { IsoDate, RenderedEmail, SubjectEmailBase } from '../types.js';
import { subjectFooter, subjectReference } from './common.js';
import { keptException, type KeptData, type KeptOnDecision } from './erasure-report.js';

export interface MinorErasureNoticeInput extends SubjectEmailBase {
  /** Stores from which data was deleted. */
  erased: readonly string[];
  /** Stores whose data an exemption makes Kiara keep (the inventory's, unless given), and until when. */
  kept: readonly Pick<KeptData, 'storeId' | 'keptUntil' | 'exemption' | 'reason'>[];
  /** The stores the review's partial grant kept out of the erasure; omitted = none. */
  keptOnDecision?: readonly KeptOnDecision[];
}

/**
 * Policy §12: Kiara deleted the account of someone under 18 on its own initiative. Short
 * and plain, for a young reader: what was deleted, why, and each store that had to be kept,
 * with the exception and reason it is kept under and until when, as the erasure report names them.
 */
export function minorErasureNotice(input: MinorErasureNoticeInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).minorErasureNotice;
  const erased = input.erased.map((storeId) => resolveStore(storeId).title[locale]);
  const keptItem = (storeId: string, keptUntil: IsoDate, exemption: string, reason: string) =>
    // The team's facts may end their sentence themselves.
    t.kept(resolveStore(storeId).title[locale], formatDate(keptUntil, locale), law(exemption, locale), /[.!?]$/.test(reason) ? reason : `${reason}.`);
  const kept = [
    ...input.kept.map((entry) => {
      const { exemption, reason } = keptException(entry);
      return keptItem(entry.storeId, entry.keptUntil, exemption, reason[locale]);
    }),
    ...(input.keptOnDecision ?? []).map((entry) => keptItem(entry.storeId, entry.keptUntil, entry.exemption, entry.reason)),
  ];
  return renderEmail({
    locale,
    subject: t.subject(subjectReference(requestId, locale)),
    title: t.title,
    blocks: [
      { kind: 'paragraph', text: t.why },
      { kind: 'heading', text: t.deletedHeading },
      erased.length > 0 ? { kind: 'list', items: erased } : { kind: 'paragraph', text: t.nothingFound },
      ...(kept.length > 0
        ? [
            { kind: 'heading' as const, text: t.keptHeading },
            { kind: 'list' as const, items: kept },
            { kind: 'paragraph' as const, text: t.afterDate },
          ]
        : []),
      { kind: 'paragraph', text: t.question },
    ],
    footer: subjectFooter(requestId, locale),
  });
}
