import type { Right } from '../inventory/types.js';
import {
  anythingWithheld,
  DECISION_GROUNDS,
  type DecisionGround,
  type RightDecision,
  type RightDecisionKind,
  type RightDecisions,
} from '../request/decisions.js';
import { RenderInputError } from './errors.js';
import { law } from './legal.js';
import type { Block } from './layout.js';
import { resolveStore } from './stores.js';
import { orderedRights, rightArticle, rightName } from './rights.js';
import { formatDate, formatInstantDate } from './dates.js';
import type { IsoDate, IsoInstant, Locale, Localized } from './types.js';

const DECISION_NAMES: Record<RightDecisionKind, Localized> = {
  grant: { en: 'granted', nl: 'toegewezen' },
  partial: { en: 'granted in part', nl: 'gedeeltelijk toegewezen' },
  refuse: { en: 'refused', nl: 'afgewezen' },
};

/** Why a right was refused or granted only in part; `{law}` becomes the ground's provision. */
const GROUND_TEXTS: Record<DecisionGround, Localized> = {
  manifestly_unfounded: {
    en: 'The request is manifestly unfounded ({law}).',
    nl: 'Het verzoek is kennelijk ongegrond ({law}).',
  },
  excessive: {
    en: 'The request is excessive, in particular because of its repetitive character ({law}).',
    nl: 'Het verzoek is buitensporig, met name vanwege het repetitieve karakter ervan ({law}).',
  },
  identity_not_confirmed: {
    en: 'We could not establish that the request comes from the person the data relates to, and the information we hold does not allow us to identify you ({law} and Art. 12(2) GDPR). If you give us additional information that enables us to identify you, we will handle your request.',
    nl: 'Wij konden niet vaststellen dat het verzoek afkomstig is van degene op wie de gegevens betrekking hebben, en de gegevens waarover wij beschikken stellen ons niet in staat u te identificeren ({law} en artikel 12 lid 2 AVG). Verstrekt u ons aanvullende gegevens waarmee wij u kunnen identificeren, dan behandelen wij uw verzoek alsnog.',
  },
  other: {
    en: 'We are not acting on this part of the request, for the reasons set out below ({law}).',
    nl: 'Wij geven om de hieronder vermelde redenen geen gevolg aan dit deel van het verzoek ({law}).',
  },
  freedom_of_expression: {
    en: 'Keeping the data is necessary for exercising the right of freedom of expression and information (exception of {law}).',
    nl: 'Het bewaren van de gegevens is noodzakelijk voor de uitoefening van het recht op vrijheid van meningsuiting en informatie (uitzondering van {law}).',
  },
  legal_obligation: {
    en: 'The law requires us to keep the data (exception of {law}).',
    nl: 'Wij zijn wettelijk verplicht de gegevens te bewaren (uitzondering van {law}).',
  },
  public_health: {
    en: 'Keeping the data is necessary for reasons of public interest in the area of public health (exception of {law}).',
    nl: 'Het bewaren van de gegevens is noodzakelijk om redenen van algemeen belang op het gebied van de volksgezondheid (uitzondering van {law}).',
  },
  archiving_research: {
    en: 'Keeping the data is necessary for archiving purposes in the public interest, for scientific or historical research or for statistical purposes (exception of {law}).',
    nl: 'Het bewaren van de gegevens is noodzakelijk met het oog op archivering in het algemeen belang, wetenschappelijk of historisch onderzoek of statistische doeleinden (uitzondering van {law}).',
  },
  legal_claims: {
    en: 'Keeping the data is necessary for the establishment, exercise or defence of legal claims (exception of {law}).',
    nl: 'Het bewaren van de gegevens is noodzakelijk voor de instelling, uitoefening of onderbouwing van een rechtsvordering (uitzondering van {law}).',
  },
  rights_of_others: {
    en: 'Providing this data would adversely affect the rights and freedoms of others ({law}).',
    nl: 'Het verstrekken van deze gegevens zou afbreuk doen aan de rechten en vrijheden van anderen ({law}).',
  },
  compelling_grounds: {
    en: 'We have compelling legitimate grounds for the processing which override your interests, rights and freedoms, or the processing is needed for the establishment, exercise or defence of legal claims ({law}).',
    nl: 'Wij hebben dwingende gerechtvaardigde gronden voor de verwerking die zwaarder wegen dan uw belangen, rechten en vrijheden, of de verwerking is nodig voor de instelling, uitoefening of onderbouwing van een rechtsvordering ({law}).',
  },
};

/** The sentence that states a ground, with its provision in the reader's citation style. */
export function groundText(ground: DecisionGround, locale: Locale): string {
  const text = GROUND_TEXTS[ground];
  if (!text) throw new RenderInputError(`Unknown decision ground ${JSON.stringify(ground)}`);
  return text[locale].replace('{law}', law(DECISION_GROUNDS[ground].article, locale));
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
  const nl = locale === 'nl';
  const blocks: Block[] = [{ kind: 'heading', text: nl ? 'Ons besluit per recht' : 'Our decision on each right' }];
  if (input.late) {
    blocks.push(
      {
        kind: 'facts',
        rows: [
          [nl ? 'Termijn voor een weigering' : 'Deadline for a refusal', formatDate(input.late.refusalDeadline, locale)],
          [nl ? 'Datum van ons besluit' : 'Date of our decision', formatInstantDate(input.late.decidedAt, locale)],
        ],
      },
      {
        kind: 'paragraph',
        text: nl
          ? `Wij hadden u binnen een maand na ontvangst van uw verzoek moeten laten weten wat wij weigeren en waarom (${law('Art. 12(4)', locale)}). Dit besluit bereikt u na die termijn; wij bieden u daarvoor onze excuses aan.`
          : `We should have told you within one month of receiving your request what we refuse and why (${law('Art. 12(4)', locale)}). This decision reaches you after that period; we apologise for the delay.`,
      },
    );
  }
  for (const right of orderedRights(input.types)) {
    const entry = decisions[right];
    if (!entry) throw new RenderInputError(`No decision for the right ${JSON.stringify(right)}`);
    blocks.push({
      kind: 'paragraph',
      text: `${rightName(right, locale)} (${rightArticle(right, locale)}): ${DECISION_NAMES[entry.decision][locale]}.`,
    });
    if (entry.decision === 'grant') continue;
    if (!entry.ground || !entry.facts?.trim()) throw new RenderInputError(`A ${entry.decision} decision on ${right} states a ground and facts`);
    blocks.push(
      { kind: 'paragraph', text: groundText(entry.ground, locale) },
      { kind: 'paragraph', text: `${nl ? 'De feiten waarop wij dit besluit baseren' : 'The facts on which we base this decision'}: ${entry.facts.trim()}` },
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
  const nl = locale === 'nl';
  const titles = entry.keep.map((storeId) => resolveStore(storeId).title[locale]).join(', ');
  if (right !== 'erasure') {
    return [{ kind: 'paragraph', text: `${nl ? 'Wat wij niet verstrekken' : 'What we leave out of your copy'}: ${titles}.` }];
  }
  if (!entry.until) throw new RenderInputError(`A partial erasure that keeps stores states until when`);
  const until = formatDate(entry.until, locale);
  return [
    { kind: 'paragraph', text: `${nl ? 'Wat wij bewaren' : 'What we keep'}: ${titles}.` },
    {
      kind: 'paragraph',
      text: nl
        ? `Wij verwachten dat deze uitzondering van toepassing blijft tot en met ${until}. Wij gebruiken deze gegevens uitsluitend voor dit doel. Na die datum kunt u ons opnieuw verzoeken ze te wissen.`
        : `We expect this exception to apply until ${until}. We use this data only for this purpose. After that date you can ask us again to erase it.`,
    },
  ];
}
