import { CORRECTABLE_FIELDS, type CorrectableField, type CorrectionValue } from '../../inventory/correctable-fields.js';
import { STORES } from '../../inventory/index.js';
import type { Recipient, Right } from '../../inventory/types.js';
import type { RightDecisionKind, RightDecisions } from '../../request/decisions.js';
import { isOutcomeRight, needsStatement } from '../../request/model.js';
import { formatInstantDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { law } from '../legal.js';
import { formatCount } from '../numbers.js';
import { decisionBlocks, type ReviewedRights } from '../decisions.js';
import { renderEmail, type Block } from '../layout.js';
import { orderedRights, rightArticle, rightName, rightsPhrase } from '../rights.js';
import { resolveStore, storeCount, type Inventory } from '../stores.js';
import type { IsoInstant, Locale, Localized, RenderedEmail, SubjectEmailBase } from '../types.js';
import { informedBlocks, remedyBlocks, subjectFooter, subjectReference } from './common.js';


export interface RightsOutcomeInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  /** All rights of the request; the reply answers those of Art. 16, 18, 21 and 7(3). */
  types: readonly Right[];
  /** The privacy team's statement of the action taken; required for Art. 16, 18 and 21. */
  outcome?: string;
  /** The decision on each right (an objection's reply says whether processing stopped); absent = all granted. */
  decisions?: RightDecisions;
  /** The review's decision on every right, when this reply is the one that carries it. */
  review?: ReviewedRights;
  /** The corrections written in Kiara's stores (Art. 16); absent = none, the statement says what was done. */
  corrections?: readonly { field: CorrectableField; from: CorrectionValue; to: CorrectionValue }[];
  /** The recipients told of the corrections (Art. 19); omitted or empty = no such sentence. */
  notifiedRecipients?: readonly Pick<Recipient, 'name' | 'category'>[];
  /** What the restriction put in place (Art. 18); required when the reply answers a restriction. */
  restriction?: RestrictionFacts;
}

/** A restriction as the Restrict step recorded it and NotifyRestriction notified it: counts and names, no values. */
export interface RestrictionFacts {
  /** The account's media objects that carry the restriction tag. */
  taggedFiles: number;
  /** The stores whose data ages out that the held copy keeps, with their counts. */
  held: readonly { storeId: string; itemCount: number }[];
  /** The recipients whose restriction notice went out (Art. 19); empty = none. */
  notifiedRecipients: readonly Pick<Recipient, 'name' | 'category'>[];
  inventory?: Inventory;
}

const VALUE_WORDS: Record<string, Localized> = {
  true: { en: 'on', nl: 'aan' },
  false: { en: 'off', nl: 'uit' },
  en: { en: 'English', nl: 'Engels' },
  nl: { en: 'Dutch', nl: 'Nederlands' },
};
const valueText = (field: CorrectableField, value: CorrectionValue, locale: Locale) =>
  field === 'displayName' ? String(value) : (VALUE_WORDS[String(value)]?.[locale] ?? String(value));

/**
 * What changed, per attribute: old → new where the value is safe to repeat to the person,
 * else only that it was corrected (an email address: the reply need not reach either one).
 */
function correctionItems(corrections: NonNullable<RightsOutcomeInput['corrections']>, locale: Locale): string[] {
  return corrections.map(({ field, from, to }) => {
    const spec = CORRECTABLE_FIELDS[field];
    if (spec.repeatable) return `${spec.label[locale]}: ${valueText(field, from, locale)} → ${valueText(field, to, locale)}`;
    return locale === 'nl'
      ? `${spec.label.nl}: gecorrigeerd (om veiligheidsredenen herhalen wij het niet in dit bericht)`
      : `${spec.label.en}: corrected (for your security we do not repeat it in this message)`;
  });
}

/** "Up to 30 days" → "up to 30 days" inside a sentence; an acronym ("API keys", "IP addresses") stays. */
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/**
 * What a restriction put in place, as the record says (Art. 12(3)): the data it covers by
 * category, how it is marked, the held copy of what ages out and until when, and the
 * recipients told of it (Art. 19) or that none were.
 */
function restrictionBlocks(facts: RestrictionFacts, locale: Locale): Block[] {
  const nl = locale === 'nl';
  const inventory = facts.inventory ?? STORES;
  const held = facts.held.map(({ storeId, itemCount }) => {
    const store = resolveStore(storeId, inventory);
    const kept = lowerFirst(store.retention.description[locale]);
    return nl
      ? `${store.title.nl}: ${storeCount(store, itemCount, locale)} (normaal bewaard: ${kept})`
      : `${store.title.en}: ${storeCount(store, itemCount, locale)} (normally kept: ${kept})`;
  });
  const files = formatCount(facts.taggedFiles, 'file', locale);
  return [
    { kind: 'heading', text: nl ? 'Wat is beperkt' : 'What is restricted' },
    {
      kind: 'paragraph',
      text: nl ? 'De beperking geldt voor alle gegevens van uw Kiara-account, in deze categorieën:' : 'The restriction covers all data of your Kiara account, in these categories:',
    },
    { kind: 'list', items: inventory.map((store) => `${store.title[locale]}: ${lowerFirst(store.categories[locale])}`) },
    { kind: 'paragraph', text: nl ? 'Zo hebben wij dat vastgelegd:' : 'This is how we marked it:' },
    {
      kind: 'list',
      items: [
        nl
          ? 'Uw account heeft een markering van beperking, die de diensten van Kiara controleren voordat zij uw gegevens gebruiken.'
          : 'Your account carries a restriction mark, which Kiara’s services check before they use any of your data.',
        facts.taggedFiles > 0
          ? nl
            ? `Ook elk van uw bestanden hebben wij als beperkt gemarkeerd (${files}).`
            : `We also marked each of your files as restricted (${files}).`
          : nl
            ? 'Er waren geen bestanden van u om te markeren.'
            : 'There were no files of yours to mark.',
      ],
    },
    { kind: 'heading', text: nl ? 'De kopie die wij bewaren' : 'The copy we keep' },
    ...(held.length > 0
      ? ([
          {
            kind: 'paragraph',
            text: nl
              ? 'Een deel van uw gegevens wordt normaal gesproken automatisch verwijderd aan het einde van de bewaartermijn. Zodat die gegevens tijdens de beperking niet verloren gaan, bewaren wij er een versleutelde kopie van totdat wij de beperking opheffen:'
              : 'Part of your data is normally deleted automatically at the end of its retention period. So that this data is not lost while the restriction is in place, we keep an encrypted copy of it until we lift the restriction:',
          },
          { kind: 'list', items: held },
          {
            kind: 'paragraph',
            text: nl
              ? 'Wanneer wij de beperking opheffen, verwijderen wij deze kopie; gegevens waarvan de bewaartermijn dan verstreken is, worden daarna niet langer bewaard.'
              : 'When we lift the restriction, we delete this copy; data whose retention period has passed by then is no longer kept.',
          },
        ] satisfies Block[])
      : [
          {
            kind: 'paragraph',
            text: nl
              ? 'Wij bewaren geen gegevens van u die na een bewaartermijn automatisch worden verwijderd; een aparte kopie is daarom niet nodig.'
              : 'We hold none of your data that is deleted automatically after a retention period, so we keep no separate copy.',
          } satisfies Block,
        ]),
    ...(facts.notifiedRecipients.length > 0
      ? ([
          {
            kind: 'paragraph',
            text: nl
              ? `Wij hebben de ontvangers van uw gegevens op de hoogte gebracht van de beperking (${law('Art. 19', locale)}):`
              : `We have notified the recipients of your data of the restriction (${law('Art. 19', locale)}):`,
          },
          { kind: 'list', items: facts.notifiedRecipients.map((recipient) => `${recipient.name} (${recipient.category[locale]})`) },
        ] satisfies Block[])
      : [
          {
            kind: 'paragraph',
            text: nl
              ? `Wij hebben geen ontvangers van uw gegevens op de hoogte gebracht van de beperking (${law('Art. 19', locale)}).`
              : `We have not notified any recipient of your data of the restriction (${law('Art. 19', locale)}).`,
          } satisfies Block,
        ]),
  ];
}

/** The fixed legal sentence of each right (gdpr-rules.md §4). */
function rightSentence(right: Right, locale: Locale, decision: RightDecisionKind): string {
  const nl = locale === 'nl';
  switch (right) {
    case 'withdraw_consent':
      return nl
        ? 'Kiara verwerkt geen persoonsgegevens op grond van uw toestemming: wij gebruiken uw gegevens uitsluitend op andere grondslagen, zoals de overeenkomst met u, wettelijke verplichtingen en gerechtvaardigde belangen. Er hoefde dus niets te worden gestaakt. Wij hebben de intrekking van uw toestemming vastgelegd; zij werkt onmiddellijk.'
        : 'Kiara processes no personal data on the basis of your consent: we use your data only on other legal bases, such as our contract with you, legal obligations and legitimate interests. There was therefore nothing to stop. We have recorded the withdrawal of your consent; it takes effect at once.';
    case 'restriction':
      return nl
        ? `We hebben de verwerking van uw gegevens beperkt: we bewaren ze alleen nog en gebruiken ze niet voor iets anders, behalve met uw toestemming of op een grond van ${law('Art. 18(2)', locale)}. Voordat we de beperking opheffen, laten we het u weten (${law('Art. 18(3)', locale)}).`
        : `We have restricted the processing of your data: it is now only stored, and not used for anything else except with your consent or on a ground of ${law('Art. 18(2)', locale)}. We will tell you before the restriction is lifted (${law('Art. 18(3)', locale)}).`;
    case 'rectification':
      return nl
        ? 'We hebben uw gegevens gecorrigeerd zoals hierboven onder "Wat wij hebben gedaan" is beschreven.'
        : 'We have corrected your data as described above under "What we did".';
    // Whether processing stopped follows from the decision on the objection, not from a hedge.
    case 'objection':
      return decision === 'grant'
        ? nl
          ? `Wij hebben de verwerking van uw gegevens op grond van onze gerechtvaardigde belangen (${law('Art. 6(1)(f)', locale)}) gestaakt. Hierboven, onder "Wat wij hebben gedaan", staat welke verwerking is gestaakt.`
          : `We have stopped processing your data on the basis of our legitimate interests (${law('Art. 6(1)(f)', locale)}). Above, under "What we did", we say which processing stopped.`
        : nl
          ? `Wij hebben de verwerking van uw gegevens op grond van onze gerechtvaardigde belangen (${law('Art. 6(1)(f)', locale)}) gedeeltelijk gestaakt. Een deel zetten wij voort omdat wij dwingende gerechtvaardigde gronden hebben vastgelegd (${law('Art. 21(1)', locale)}); hierboven, onder "Wat wij hebben gedaan", staat welke verwerking is gestaakt, en ons besluit per recht vermeldt welke verwerking doorgaat en waarom.`
          : `We have stopped part of the processing of your data on the basis of our legitimate interests (${law('Art. 6(1)(f)', locale)}). We continue the rest because we documented compelling legitimate grounds (${law('Art. 21(1)', locale)}); above, under "What we did", we say which processing stopped, and our decision on each right states which processing continues and why.`;
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
  if (answered.includes('restriction') && !input.restriction) {
    throw new RenderInputError('The reply to a restriction states what was put in place');
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
      { kind: 'heading', text: nl ? 'Wat wij hebben gedaan' : 'What we did' },
      { kind: 'paragraph', text: outcome },
    );
  }
  for (const right of answered) {
    blocks.push(
      { kind: 'heading', text: `${rightName(right, locale)} (${rightArticle(right, locale)})` },
      { kind: 'paragraph', text: rightSentence(right, locale, input.decisions?.[right]?.decision ?? 'grant') },
    );
    if (right === 'rectification' && input.corrections?.length) {
      blocks.push(
        { kind: 'paragraph', text: nl ? 'Dit hebben we in uw account gewijzigd:' : 'This is what we changed in your account:' },
        { kind: 'list', items: correctionItems(input.corrections, locale) },
      );
    }
    if (right === 'restriction') blocks.push(...restrictionBlocks(input.restriction!, locale));
  }
  blocks.push(...informedBlocks(input.notifiedRecipients ?? [], { en: 'the correction', nl: 'de correctie' }, locale));
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
