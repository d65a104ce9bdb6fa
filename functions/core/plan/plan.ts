import { STORES, type StoreDefinition } from '../inventory/index.js';
import type { Right } from '../inventory/types.js';
import type { RequestType } from '../request/model.js';
import { carriedOutRights, keptStores, type RightDecisions } from '../request/decisions.js';

/**
 * Where one store's collect or erase stands between store-work rounds: the cursor its
 * connector resumes at ('' = the start), or done.
 */
export interface StorePosition {
  storeId: string;
  cursor: string;
  done: boolean;
}

export interface StorePlan {
  /** Collect stores at once, before the review: those that age data out (see `ages`). */
  hold: boolean;
  collect: boolean;
  erase: boolean;
  /** The stores to collect from / erase in, each at its start; the workflow carries the positions on. */
  holdStores: StorePosition[];
  collectStores: StorePosition[];
  eraseStores: StorePosition[];
}

/** A store that deletes data on its own schedule: DynamoDB TTL or an S3 lifecycle expiry. */
export function ages(store: StoreDefinition): boolean {
  return store.location.kind === 'dynamodb' ? Boolean(store.location.ttlAttribute) : Boolean(store.location.expireAfterDays);
}

const atStart = (store: StoreDefinition): StorePosition => ({ storeId: store.id, cursor: '', done: false });

/** Per right, the stores a partial grant keeps out (see `RightDecision.keep`). */
export type KeptStores = Partial<Record<Right, readonly string[]>>;

/**
 * Which stores a request touches. Access covers every store (Art. 15); portability only
 * data the person provided or that was observed (Art. 20); erasure every store, where the
 * connector applies each store's rule (delete, or keep under an Art. 17(3) exemption).
 * Other rights are handled by the privacy team after review and touch no store here.
 * Stores that age data out are collected as soon as the subject is found (`holdStores`,
 * into the encrypted work area, until the review decides), the others after approval.
 */
export function planStores(types: readonly RequestType[], stores: readonly StoreDefinition[] = STORES, kept: KeptStores = {}): StorePlan {
  const erase = types.includes('erasure');
  const covers = (right: Right, store: StoreDefinition) => types.includes(right) && storeServes(right, store) && !kept[right]?.includes(store.id);
  const collected = stores.filter((store) => covers('access', store) || covers('portability', store));
  const holdStores = collected.filter(ages).map(atStart);
  const collectStores = collected.filter((store) => !ages(store)).map(atStart);
  return {
    hold: holdStores.length > 0,
    collect: collected.length > 0,
    erase,
    holdStores,
    collectStores,
    eraseStores: stores.filter((store) => covers('erasure', store)).map(atStart),
  };
}

/** Whether a right touches a store at all: access and erasure every store, portability the portable ones. */
function storeServes(right: Right, store: StoreDefinition): boolean {
  if (right === 'access' || right === 'erasure') return true;
  return right === 'portability' && store.portable;
}

/**
 * The stores a right touches for this subject, which a partial grant may keep out: none
 * for a person known only by earlier requests (no account).
 */
export function storesOfRight(right: Right, subject?: { accountId?: string }): string[] {
  return subject && !subject.accountId ? [] : STORES.filter((store) => storeServes(right, store)).map((store) => store.id);
}

/**
 * The plan for a person known only by earlier requests (no account): no store to search or
 * erase, but a package of the request records for access or portability, and an erasure
 * that still deletes the earlier packages.
 */
export function recordsOnlyPlan(types: readonly RequestType[]): StorePlan {
  return { ...planStores(types, []), collect: types.includes('access') || types.includes('portability') };
}

/**
 * The stores the workflow touches after the review: only for the rights carried out,
 * less the stores a partial grant keeps out, and none for a person known only by earlier
 * requests (no account).
 */
export function reviewedPlan(request: Parameters<typeof carriedOutRights>[0] & { subject?: { accountId?: string } }): StorePlan {
  const carried = carriedOutRights(request);
  if (request.subject && !request.subject.accountId) return recordsOnlyPlan(carried);
  const rights: RightDecisions | undefined = request.decision?.rights;
  const kept = Object.fromEntries(carried.map((right) => [right, keptStores(rights, right)]));
  return planStores(carried, STORES, kept);
}

/**
 * The stores whose collected data the package holds: those of the reviewed plan, which
 * leaves out what a partial grant withholds even when the hold had collected it.
 */
export function packagedStores(request: Parameters<typeof reviewedPlan>[0]): Set<string> {
  const plan = reviewedPlan(request);
  return new Set([...plan.holdStores, ...plan.collectStores].map((store) => store.storeId));
}
