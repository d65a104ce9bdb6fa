import type { Right } from '../inventory/types.js';
import {
  anythingWithheld,
  DECISION_GROUNDS,
  type DecisionGround,
  type RightDecision,
  type RightDecisions,
} from '../request/decisions.js';
import { RenderInputError } from './errors.js';
import { law } from './legal.js';
import type { Block } from './layout.js';
import { resolveStore } from './stores.js';
import { orderedRights, rightArticle, rightName } from './rights.js';
import { formatDate, formatInstantDate } from './dates.js';
import { textsFor } from './texts/index.js';
import type { IsoDate, IsoInstant, Locale } from './types.js';

/** The sentence that states a ground, with its provision in the reader's citation style. */
export function groundText(ground: DecisionGround, locale: Locale): string {
  const text = textsFor(locale).decisions.grounds[ground];
  if (!text) throw new RenderInputError(`Unknown decision ground ${JSON.stringify(ground)}`);
  return text(law(DECISION_GROUNDS[ground].article, locale));
}

/** The review's decisions, for a reply that covers them. */
export interface ReviewedRights {
  /** Every right of the request. */
  types: readonly Right[];
  decisions: RightDecisions;
  /** Set when something was refused after the one-month refusal deadline: the reply says so. */
  late?: { refusalDeadline: IsoDate; decidedAt: IsoInstant };
}

/**
 * The decision on each right of the request, with the ground and facts of whatever was
 * refused or granted in part; nothing when every right was granted. The reply adds the
 * remedies (`remedyBlocks`) whenever this is not empty.
 */
export function decisionBlocks(input: ReviewedRights, locale: Locale): Block[] {
  const { decisions } = input;
  if (!anythingWithheld(decisions)) return [];
  const t = textsFor(locale).decisions;
  const blocks: Block[] = [{ kind: 'heading', text: t.heading }];
  if (input.late) {
    blocks.push(
      {
        kind: 'facts',
        rows: [
          [t.late.refusalDeadline, formatDate(input.late.refusalDeadline, locale)],
          [t.late.decidedOn, formatInstantDate(input.late.decidedAt, locale)],
        ],
      },
      { kind: 'paragraph', text: t.late.apology },
    );
  }
  for (const right of orderedRights(input.types)) {
    const entry = decisions[right];
    if (!entry) throw new RenderInputError(`No decision for the right ${JSON.stringify(right)}`);
    blocks.push({ kind: 'paragraph', text: t.rightDecision(rightName(right, locale), rightArticle(right, locale), t.names[entry.decision]) });
    if (entry.decision === 'grant') continue;
    if (!entry.ground || !entry.facts?.trim()) throw new RenderInputError(`A ${entry.decision} decision on ${right} states a ground and facts`);
    blocks.push(
      { kind: 'paragraph', text: groundText(entry.ground, locale) },
      { kind: 'paragraph', text: t.facts(entry.facts.trim()) },
      ...keptBlocks(right, entry, locale),
    );
  }
  return blocks;
}

/**
 * What a partial grant leaves out: the stores it keeps from an erasure, with the date until
 * which the exception is expected to apply, or leaves out of a copy. Only dates the team
 * stated: nothing here promises an erasure on that date.
 */
function keptBlocks(right: Right, entry: RightDecision, locale: Locale): Block[] {
  if (entry.decision !== 'partial' || !entry.keep?.length) return [];
  const t = textsFor(locale).decisions;
  const titles = entry.keep.map((storeId) => resolveStore(storeId).title[locale]).join(', ');
  if (right !== 'erasure') {
    return [{ kind: 'paragraph', text: t.leftOut(titles) }];
  }
  if (!entry.until) throw new RenderInputError(`A partial erasure that keeps stores states until when`);
  const until = formatDate(entry.until, locale);
  return [
    { kind: 'paragraph', text: t.kept(titles) },
    { kind: 'paragraph', text: t.keptUntil(until) },
  ];
}
