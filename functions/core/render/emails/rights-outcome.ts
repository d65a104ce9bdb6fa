import { CORRECTABLE_FIELDS, type CorrectableField, type CorrectionValue } from '../../inventory/correctable-fields.js';
import { STORES } from '../../inventory/index.js';
import type { Recipient, Right } from '../../inventory/types.js';
import type { RightDecisionKind, RightDecisions } from '../../request/decisions.js';
import { isOutcomeRight, needsStatement } from '../../request/model.js';
import { formatInstantDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { formatCount } from '../numbers.js';
import { decisionBlocks, type ReviewedRights } from '../decisions.js';
import { renderEmail, type Block } from '../layout.js';
import { orderedRights, rightArticle, rightName, rightsPhrase } from '../rights.js';
import { resolveStore, storeCount, type Inventory } from '../stores.js';
import { textsFor } from '../texts/index.js';
import type { IsoInstant, Locale, RenderedEmail, SubjectEmailBase } from '../types.js';
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

const valueText = (field: CorrectableField, value: CorrectionValue, locale: Locale) => {
  const words: Partial<Record<string, string>> = textsFor(locale).rightsOutcome.values;
  return field === 'displayName' ? String(value) : (words[String(value)] ?? String(value));
};

/**
 * What changed, per attribute: old → new where the value is safe to repeat to the person,
 * else only that it was corrected (an email address: the reply need not reach either one).
 */
function correctionItems(corrections: NonNullable<RightsOutcomeInput['corrections']>, locale: Locale): string[] {
  return corrections.map(({ field, from, to }) => {
    const spec = CORRECTABLE_FIELDS[field];
    if (spec.repeatable) return `${spec.label[locale]}: ${valueText(field, from, locale)} → ${valueText(field, to, locale)}`;
    return textsFor(locale).rightsOutcome.correctedUnrepeated(spec.label[locale]);
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
  const t = textsFor(locale).rightsOutcome.restricted;
  const inventory = facts.inventory ?? STORES;
  const held = facts.held.map(({ storeId, itemCount }) => {
    const store = resolveStore(storeId, inventory);
    return t.heldStore(store.title[locale], storeCount(store, itemCount, locale), lowerFirst(store.retention.description[locale]));
  });
  const recipients = facts.notifiedRecipients.map((recipient) => `${recipient.name} (${recipient.category[locale]})`);
  return [
    { kind: 'heading', text: t.heading },
    { kind: 'paragraph', text: t.covers },
    { kind: 'list', items: inventory.map((store) => `${store.title[locale]}: ${lowerFirst(store.categories[locale])}`) },
    { kind: 'paragraph', text: t.howMarked },
    { kind: 'list', items: [t.accountMarked, facts.taggedFiles > 0 ? t.filesMarked(formatCount(facts.taggedFiles, 'file', locale)) : t.noFiles] },
    { kind: 'heading', text: t.copyHeading },
    ...(held.length > 0
      ? ([{ kind: 'paragraph', text: t.copyKept }, { kind: 'list', items: held }, { kind: 'paragraph', text: t.copyDeleted }] satisfies Block[])
      : ([{ kind: 'paragraph', text: t.noCopy }] satisfies Block[])),
    ...(recipients.length > 0
      ? ([{ kind: 'paragraph', text: t.informed }, { kind: 'list', items: recipients }] satisfies Block[])
      : ([{ kind: 'paragraph', text: t.noneInformed }] satisfies Block[])),
  ];
}

/** The fixed legal sentence of each right (gdpr-rules.md §4). */
function rightSentence(right: Right, locale: Locale, decision: RightDecisionKind): string {
  const t = textsFor(locale).rightsOutcome;
  switch (right) {
    case 'withdraw_consent':
      return t.withdrawConsent;
    case 'restriction':
      return t.restriction;
    case 'rectification':
      return t.rectification;
    // Whether processing stopped follows from the decision on the objection, not from a hedge.
    case 'objection':
      return decision === 'grant' ? t.objectionGranted : t.objectionPartial;
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
  const t = textsFor(locale).rightsOutcome;
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

  const blocks: Block[] = [{ kind: 'paragraph', text: t.intro(received, rightsPhrase(rights, locale)) }];
  if (outcome) blocks.push({ kind: 'heading', text: t.whatWeDid }, { kind: 'paragraph', text: outcome });
  for (const right of answered) {
    blocks.push(
      { kind: 'heading', text: `${rightName(right, locale)} (${rightArticle(right, locale)})` },
      { kind: 'paragraph', text: rightSentence(right, locale, input.decisions?.[right]?.decision ?? 'grant') },
    );
    if (right === 'rectification' && input.corrections?.length) {
      blocks.push({ kind: 'paragraph', text: t.changed }, { kind: 'list', items: correctionItems(input.corrections, locale) });
    }
    if (right === 'restriction') blocks.push(...restrictionBlocks(input.restriction!, locale));
  }
  blocks.push(...informedBlocks(input.notifiedRecipients ?? [], t.informedChange, locale));
  if (others.length > 0) blocks.push({ kind: 'paragraph', text: t.rest(rightsPhrase(others, locale)) });
  if (input.review) blocks.push(...decisionBlocks(input.review, locale));
  blocks.push(...remedyBlocks(requestId, locale));
  return renderEmail({
    locale,
    subject: `${t.title} (${subjectReference(requestId, locale)})`,
    title: t.title,
    blocks,
    footer: subjectFooter(requestId, locale),
  });
}
