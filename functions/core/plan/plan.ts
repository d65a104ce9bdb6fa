import { STORES, type StoreDefinition } from '../inventory/index.js';
import type { RequestType } from '../request/model.js';
import { carriedOutRights } from '../request/decisions.js';

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
  collect: boolean;
  erase: boolean;
  /** The stores to collect from / erase in, each at its start; the workflow carries the positions on. */
  collectStores: StorePosition[];
  eraseStores: StorePosition[];
}

const atStart = (store: StoreDefinition): StorePosition => ({ storeId: store.id, cursor: '', done: false });

/**
 * Which stores a request touches. Access covers every store (Art. 15); portability only
 * data the person provided or that was observed (Art. 20); erasure every store, where the
 * connector applies each store's rule (delete, or keep under an Art. 17(3) exemption).
 * Other rights are handled by the privacy team after review and touch no store here.
 */
export function planStores(types: readonly RequestType[], stores: readonly StoreDefinition[] = STORES): StorePlan {
  const wantsAll = types.includes('access');
  const wantsPortable = types.includes('portability');
  const erase = types.includes('erasure');
  const collectStores = stores.filter((store) => wantsAll || (wantsPortable && store.portable)).map(atStart);
  return {
    collect: collectStores.length > 0,
    erase,
    collectStores,
    eraseStores: erase ? stores.map(atStart) : [],
  };
}

/** The stores the workflow touches after the review: only for the rights carried out. */
export function reviewedPlan(request: Parameters<typeof carriedOutRights>[0]): StorePlan {
  return planStores(carriedOutRights(request));
}
