import { RIGHTS, type Right } from '../inventory/types.js';

/** What the privacy team decides for one right of a request. */
export const RIGHT_DECISIONS = ['grant', 'partial', 'refuse'] as const;
export type RightDecisionKind = (typeof RIGHT_DECISIONS)[number];

/**
 * The grounds on which a right is refused or granted only in part, with the provision
 * each rests on and the rights it can apply to (all rights when `rights` is absent).
 * Art. 12(5) and 11(2) grounds refuse; an Art. 17(3), 15(4)/20(4) or 21(1) ground is an
 * exception that lets Kiara keep or withhold part, or all, of what the right asks.
 */
export const DECISION_GROUNDS = {
  manifestly_unfounded: { article: 'Art. 12(5)(b)' },
  excessive: { article: 'Art. 12(5)(b)' },
  identity_not_confirmed: { article: 'Art. 11(2)' },
  other: { article: 'Art. 12(4)' },
  freedom_of_expression: { article: 'Art. 17(3)(a)', rights: ['erasure'] },
  legal_obligation: { article: 'Art. 17(3)(b)', rights: ['erasure'] },
  public_health: { article: 'Art. 17(3)(c)', rights: ['erasure'] },
  archiving_research: { article: 'Art. 17(3)(d)', rights: ['erasure'] },
  legal_claims: { article: 'Art. 17(3)(e)', rights: ['erasure'] },
  rights_of_others: { article: 'Art. 15(4)', rights: ['access', 'portability'] },
  compelling_grounds: { article: 'Art. 21(1)', rights: ['objection'] },
} as const satisfies Record<string, { article: string; rights?: readonly Right[] }>;
export type DecisionGround = keyof typeof DECISION_GROUNDS;
export const DECISION_GROUND_CODES = Object.keys(DECISION_GROUNDS) as DecisionGround[];

/** The grounds that refuse a whole request (the `reject` shorthand's reason codes). */
export const REJECTION_REASONS = ['manifestly_unfounded', 'excessive', 'identity_not_confirmed', 'other'] as const satisfies readonly DecisionGround[];
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface RightDecision {
  decision: RightDecisionKind;
  /** Required for `partial` and `refuse`. */
  ground?: DecisionGround;
  /** The facts the ground rests on (Kiara carries the burden of proof); quoted to the requester. */
  facts?: string;
  /**
   * A partial grant of a right that touches stores: the stores the exception covers,
   * which the workflow leaves out (not erased; not in the package).
   */
  keep?: readonly string[];
  /** A partial erasure: the date until which the exception is expected to apply (YYYY-MM-DD). */
  until?: string;
}

export type RightDecisions = Partial<Record<Right, RightDecision>>;

/** A field the decide body got wrong, as the admin API reports it. */
export interface DecisionFieldError {
  path: string;
  code:
    | 'required'
    | 'unknown_right'
    | 'not_requested'
    | 'ground_required'
    | 'facts_required'
    | 'ground_not_applicable'
    | 'unknown_ground'
    | 'unknown_value'
    | 'keep_required'
    | 'keep_not_allowed'
    | 'unknown_store'
    | 'until_required'
    | 'until_not_allowed'
    | 'invalid_date';
}

/** The stores a right touches for this request's subject: what a partial grant may keep. */
export type StoresOfRight = (right: Right) => readonly string[];

/** A real YYYY-MM-DD day (not 2027-02-30); by Date, so the console bundle needs no calendar library. */
function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

const isRight = (value: string): value is Right => (RIGHTS as readonly string[]).includes(value);

/**
 * Checks one decision per right of the request: every requested right decided, nothing
 * else; a partial grant or refusal names a ground that applies to the right, and facts;
 * a partial grant of a right that touches stores names the stores it keeps (see `checkKeep`).
 */
export function checkRightDecisions(
  types: readonly Right[],
  given: Record<string, Partial<Record<string, unknown>>>,
  storesOf: StoresOfRight = () => [],
): DecisionFieldError[] {
  const errors: DecisionFieldError[] = [];
  for (const right of types) if (!(right in given)) errors.push({ path: `rights.${right}`, code: 'required' });
  for (const [key, entry] of Object.entries(given)) {
    const path = `rights.${key}`;
    if (!isRight(key)) {
      errors.push({ path, code: 'unknown_right' });
      continue;
    }
    if (!types.includes(key)) {
      errors.push({ path, code: 'not_requested' });
      continue;
    }
    const { decision, ground, facts } = entry;
    if (!(RIGHT_DECISIONS as readonly unknown[]).includes(decision)) {
      errors.push({ path: `${path}.decision`, code: decision === undefined ? 'required' : 'unknown_value' });
      continue;
    }
    errors.push(...checkKeep(path, key, entry, storesOf(key)));
    if (decision === 'grant') continue;
    if (ground === undefined) errors.push({ path: `${path}.ground`, code: 'ground_required' });
    else if (typeof ground !== 'string' || !(ground in DECISION_GROUNDS)) errors.push({ path: `${path}.ground`, code: 'unknown_ground' });
    else if (!groundApplies(ground as DecisionGround, key)) errors.push({ path: `${path}.ground`, code: 'ground_not_applicable' });
    if (typeof facts !== 'string' || facts.trim() === '') errors.push({ path: `${path}.facts`, code: 'facts_required' });
  }
  return errors;
}

/**
 * What a partial grant keeps: for a right that touches stores, one or more of its stores
 * (`keep`), and for an erasure the date until which the exception is expected to apply
 * (`until`), both told to the requester. Nothing of this on any other decision.
 */
function checkKeep(path: string, right: Right, entry: Partial<Record<string, unknown>>, stores: readonly string[]): DecisionFieldError[] {
  const { keep, until } = entry;
  const keeps = entry.decision === 'partial' && stores.length > 0;
  const errors: DecisionFieldError[] = [];
  if (!keeps) {
    if (keep !== undefined) errors.push({ path: `${path}.keep`, code: 'keep_not_allowed' });
  } else if (!Array.isArray(keep) || keep.length === 0) {
    errors.push({ path: `${path}.keep`, code: 'keep_required' });
  } else {
    keep.forEach((storeId, index) => {
      if (typeof storeId !== 'string' || !stores.includes(storeId)) errors.push({ path: `${path}.keep.${index}`, code: 'unknown_store' });
    });
  }
  if (!keeps || right !== 'erasure') {
    if (until !== undefined) errors.push({ path: `${path}.until`, code: 'until_not_allowed' });
  } else if (until === undefined) {
    errors.push({ path: `${path}.until`, code: 'until_required' });
  } else if (!isCalendarDate(until)) {
    errors.push({ path: `${path}.until`, code: 'invalid_date' });
  }
  return errors;
}

/** The stores a right's partial grant keeps out of the workflow (none unless granted in part). */
export function keptStores(decisions: RightDecisions | undefined, right: Right): readonly string[] {
  const entry = decisions?.[right];
  return entry?.decision === 'partial' ? (entry.keep ?? []) : [];
}

export function groundApplies(ground: DecisionGround, right: Right): boolean {
  const spec = DECISION_GROUNDS[ground] as { rights?: readonly Right[] };
  return !spec.rights || spec.rights.includes(right);
}

/** The review step's outcome: the workflow carries out what was granted, or refuses the whole. */
export function reviewDecision(decisions: RightDecisions): 'approved' | 'rejected' {
  return Object.values(decisions).some((entry) => entry && entry.decision !== 'refuse') ? 'approved' : 'rejected';
}

/** Whether anything was refused or granted only in part: the reply then names the remedies. */
export function anythingWithheld(decisions: RightDecisions): boolean {
  return Object.values(decisions).some((entry) => entry && entry.decision !== 'grant');
}

/** Every right granted: the `approve` shorthand. */
export function grantAll(types: readonly Right[]): RightDecisions {
  return Object.fromEntries(types.map((right) => [right, { decision: 'grant' }]));
}

/** Every right refused on one ground: the `reject` shorthand. */
export function refuseAll(types: readonly Right[], ground: DecisionGround, facts: string): RightDecisions {
  return Object.fromEntries(types.map((right) => [right, { decision: 'refuse', ground, facts }]));
}

/**
 * The rights of a request the workflow carries out: after the review those granted in
 * full or in part, before it (or with no per-right record) all of them.
 */
export function carriedOutRights(request: { types: readonly Right[]; decision?: { rights: RightDecisions } }): Right[] {
  const rights = request.decision?.rights;
  return rights ? request.types.filter((right) => rights[right] && rights[right]!.decision !== 'refuse') : [...request.types];
}
