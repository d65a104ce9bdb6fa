import { formatDate } from '../dates.js';
import { privacyLink, renderEmail } from '../layout.js';
import { resolveStore } from '../stores.js';
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
  const nl = locale === 'nl';
  const erased = input.erased.map((storeId) => resolveStore(storeId).title[locale]);
  const kept = input.kept.map(({ storeId, keptUntil }) =>
    nl
      ? `${resolveStore(storeId).title[locale]}: de wet verplicht ons die te bewaren tot uiterlijk ${formatDate(keptUntil, locale)}.`
      : `${resolveStore(storeId).title[locale]}: the law requires us to keep these until ${formatDate(keptUntil, locale)} at the latest.`,
  );
  return renderEmail({
    locale,
    subject: nl ? `We hebben uw Kiara-account verwijderd (${subjectReference(requestId, locale)})` : `We have deleted your Kiara account (${subjectReference(requestId, locale)})`,
    title: nl ? 'We hebben uw Kiara-account verwijderd' : 'We have deleted your Kiara account',
    blocks: [
      {
        kind: 'paragraph',
        text: nl
          ? 'We hebben vernomen dat dit account van iemand onder de 18 jaar is. Kiara is niet bedoeld voor mensen onder de 18, en ons privacybeleid zegt dat we hun gegevens verwijderen zodra we dat weten. Daarom hebben we uw account en de gegevens die erbij horen verwijderd.'
          : 'We have learned that this account belongs to someone under 18. Kiara is not meant for people under 18, and our privacy policy says that we delete their data as soon as we know. So we have deleted your account and the data that belongs to it.',
      },
      { kind: 'heading', text: nl ? 'Wat we hebben verwijderd' : 'What we deleted' },
      erased.length > 0
        ? { kind: 'list', items: erased }
        : { kind: 'paragraph', text: nl ? 'We hebben geen gegevens gevonden.' : 'We found no data.' },
      ...(kept.length > 0
        ? [
            { kind: 'heading' as const, text: nl ? 'Wat we moesten bewaren' : 'What we had to keep' },
            { kind: 'list' as const, items: kept },
          ]
        : []),
      {
        kind: 'paragraph',
        text: nl
          ? ['Bent u 18 jaar of ouder, of heeft u een vraag? Mail ons via ', privacyLink(), '.']
          : ['Are you 18 or older, or do you have a question? Email us at ', privacyLink(), '.'],
      },
    ],
    footer: subjectFooter(requestId, locale),
  });
}
