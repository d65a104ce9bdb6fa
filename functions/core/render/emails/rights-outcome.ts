import type { Right } from '../../inventory/types.js';
import { isOutcomeRight, needsStatement } from '../../request/model.js';
import { formatInstantDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { law } from '../legal.js';
import { decisionBlocks, type ReviewedRights } from '../decisions.js';
import { renderEmail, type Block } from '../layout.js';
import { orderedRights, rightArticle, rightName, rightsPhrase } from '../rights.js';
import type { IsoInstant, Locale, RenderedEmail, SubjectEmailBase } from '../types.js';
import { remedyBlocks, subjectFooter, subjectReference } from './common.js';


export interface RightsOutcomeInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  /** All rights of the request; the reply answers those of Art. 16, 18, 21 and 7(3). */
  types: readonly Right[];
  /** The privacy team's statement of the action taken; required for Art. 16, 18 and 21. */
  outcome?: string;
  /** The review's decision on every right, when this reply is the one that carries it. */
  review?: ReviewedRights;
}

/** The fixed legal sentence of each right (gdpr-rules.md §4). */
function rightSentence(right: Right, locale: Locale): string {
  const nl = locale === 'nl';
  switch (right) {
    case 'withdraw_consent':
      return nl
        ? 'Kiara verwerkt geen persoonsgegevens op basis van uw toestemming: we gebruiken uw gegevens alleen op andere grondslagen, zoals de overeenkomst met u, wettelijke verplichtingen en gerechtvaardigde belangen. Er hoefde dus niets te worden gestopt. We hebben de intrekking van uw toestemming vastgelegd; die geldt direct.'
        : 'Kiara processes no personal data on the basis of your consent: we use your data only on other legal bases, such as our contract with you, legal obligations and legitimate interests. There was therefore nothing to stop. We have recorded the withdrawal of your consent; it takes effect at once.';
    case 'restriction':
      return nl
        ? `We hebben de verwerking van uw gegevens beperkt: we bewaren ze alleen nog en gebruiken ze niet voor iets anders, behalve met uw toestemming of op een grond van ${law('Art. 18(2)', locale)}. Voordat we de beperking opheffen, laten we het u weten (${law('Art. 18(3)', locale)}).`
        : `We have restricted the processing of your data: it is now only stored, and not used for anything else except with your consent or on a ground of ${law('Art. 18(2)', locale)}. We will tell you before the restriction is lifted (${law('Art. 18(3)', locale)}).`;
    case 'rectification':
      return nl
        ? 'We hebben uw gegevens gecorrigeerd zoals hierboven onder "Wat we hebben gedaan" staat beschreven.'
        : 'We have corrected your data as described above under "What we did".';
    case 'objection':
      return nl
        ? `We zijn gestopt met de verwerking van uw gegevens op basis van onze gerechtvaardigde belangen (${law('Art. 6(1)(f)', locale)}), tenzij het privacyteam dwingende gerechtvaardigde gronden heeft vastgelegd die zwaarder wegen dan uw belangen, rechten en vrijheden, of de gegevens nodig zijn voor een rechtsvordering (${law('Art. 21(1)', locale)}). Hierboven onder "Wat we hebben gedaan" staat welke verwerking is gestopt en, als dat zo is, welke gronden we hebben vastgelegd.`
        : `We have stopped processing your data on the basis of our legitimate interests (${law('Art. 6(1)(f)', locale)}), unless the privacy team documented compelling legitimate grounds that override your interests, rights and freedoms, or the data is needed for legal claims (${law('Art. 21(1)', locale)}). Above, under "What we did", we say which processing stopped and, if any, which grounds we documented.`;
    default:
      throw new RenderInputError(`The rights outcome does not answer ${JSON.stringify(right)}`);
  }
}

/**
 * The reply to rights the privacy team acts on by hand (Art. 16, 18, 21, 7(3)): what was
 * done, in the team's words, and per right what it means (Art. 12(3)/(4)).
 */
export function rightsOutcome(input: RightsOutcomeInput): RenderedEmail {
  const { locale, requestId } = input;
  const nl = locale === 'nl';
  const rights = orderedRights(input.types);
  const answered = rights.filter(isOutcomeRight);
  if (answered.length === 0) throw new RenderInputError('The rights outcome answers rectification, restriction, objection or withdrawn consent');
  const outcome = typeof input.outcome === 'string' ? input.outcome.trim() : '';
  if (!outcome && answered.some(needsStatement)) {
    throw new RenderInputError('The reply to rectification, restriction or objection states what was done');
  }
  const others = rights.filter((right) => !isOutcomeRight(right));
  const received = formatInstantDate(input.receivedAt, locale);
  const title = nl ? 'Wat wij met uw privacyverzoek hebben gedaan' : 'Action taken on your privacy request';

  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: nl
        ? `Op ${received} hebben we uw verzoek ontvangen (${rightsPhrase(rights, locale)}). In dit bericht leest u wat we hebben gedaan.`
        : `On ${received} we received your request (${rightsPhrase(rights, locale)}). This message tells you what we did.`,
    },
  ];
  if (outcome) {
    blocks.push(
      { kind: 'heading', text: nl ? 'Wat we hebben gedaan' : 'What we did' },
      { kind: 'paragraph', text: outcome },
    );
  }
  for (const right of answered) {
    blocks.push(
      { kind: 'heading', text: `${rightName(right, locale)} (${rightArticle(right, locale)})` },
      { kind: 'paragraph', text: rightSentence(right, locale) },
    );
  }
  if (others.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: nl
        ? `Op de rest van uw verzoek (${rightsPhrase(others, locale)}) antwoorden we in een apart bericht.`
        : `We answer the rest of your request (${rightsPhrase(others, locale)}) in a separate message.`,
    });
  }
  if (input.review) blocks.push(...decisionBlocks(input.review, locale));
  blocks.push(...remedyBlocks(requestId, locale));
  return renderEmail({
    locale,
    subject: `${title} (${subjectReference(requestId, locale)})`,
    title,
    blocks,
    footer: subjectFooter(requestId, locale),
  });
}
