import { formatDate } from '../dates.js';
import { renderEmail } from '../layout.js';
import { resolveStore } from '../stores.js';
import { textsFor } from '../texts/index.js';
import type { IsoDate, RenderedEmail, SubjectEmailBase } from '../types.js';
import { subjectFooter, subjectReference } from './common.js';

export interface MinorErasureNoticeInput extends SubjectEmailBase {
  /** Stores from which data was deleted. */
  erased: readonly string[];
  /** Stores whose data the law makes Kiara keep, and until when. */
  kept: readonly { storeId: string; keptUntil: IsoDate }[];
}

/**
 * Policy §12: Kiara deleted the account of someone under 18 on its own initiative. Short
 * and plain, for a young reader: what was deleted, why, what had to be kept.
 */
export function minorErasureNotice(input: MinorErasureNoticeInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).minorErasureNotice;
  const erased = input.erased.map((storeId) => resolveStore(storeId).title[locale]);
  const kept = input.kept.map(({ storeId, keptUntil }) => t.kept(resolveStore(storeId).title[locale], formatDate(keptUntil, locale)));
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
          ]
        : []),
      { kind: 'paragraph', text: t.question },
    ],
    footer: subjectFooter(requestId, locale),
  });
}
