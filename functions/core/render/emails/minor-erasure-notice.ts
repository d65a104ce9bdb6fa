import { formatDate } from '../dates.js';
import { law } from '../legal.js';
import { privacyLink, renderEmail } from '../layout.js';
import { resolveStore } from '../stores.js';
import type { IsoDate, Locale, RenderedEmail, SubjectEmailBase } from '../types.js';
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

/** One kept store as the notice names it: until when, the exception it is kept under, and why. */
function keptItem(storeId: string, keptUntil: IsoDate, exemption: string, reason: string, locale: Locale): string {
  const title = resolveStore(storeId).title[locale];
  const until = formatDate(keptUntil, locale);
  // The team's facts may end their sentence themselves.
  const why = /[.!?]$/.test(reason) ? reason : `${reason}.`;
  return locale === 'nl'
    ? `${title}, tot en met ${until} (uitzondering: ${law(exemption, locale)}). ${why}`
    : `${title}, until ${until} (exception: ${law(exemption, locale)}). ${why}`;
}

/**
 * Policy §12: Kiara deleted the account of someone under 18 on its own initiative. Short
 * and plain, for a young reader: what was deleted, why, and each store that had to be kept,
 * with the exception and reason it is kept under and until when, as the erasure report names them.
 */
export function minorErasureNotice(input: MinorErasureNoticeInput): RenderedEmail {
  const { locale, requestId } = input;
  const nl = locale === 'nl';
  const erased = input.erased.map((storeId) => resolveStore(storeId).title[locale]);
  const kept = [
    ...input.kept.map((entry) => {
      const { exemption, reason } = keptException(entry);
      return keptItem(entry.storeId, entry.keptUntil, exemption, reason[locale], locale);
    }),
    ...(input.keptOnDecision ?? []).map((entry) => keptItem(entry.storeId, entry.keptUntil, entry.exemption, entry.reason, locale)),
  ];
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
            {
              kind: 'paragraph' as const,
              text: nl
                ? 'Na die datum is de uitzondering niet meer van toepassing; u kunt ons dan verzoeken ook deze gegevens te verwijderen.'
                : 'After that date the exception no longer applies; you can then ask us to delete this data as well.',
            },
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
