import { STORES, type StoreDefinition } from '../inventory/index.js';
import type { RequestType } from '../request/model.js';
import { carriedOutRights } from '../request/decisions.js';

/** Store ids contain hyphens; JSONPath Choice conditions read them as plain keys. */
export function planKey(storeId: string): string {
  return storeId.replace(/-/g, '_');
}

export interface StorePlan {
  collect: boolean;
  erase: boolean;
  /** Per store (keyed by `planKey`): whether the collect / erase branch runs. */
  collectStores: Record<string, boolean>;
  eraseStores: Record<string, boolean>;
}

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
  const collectStores: Record<string, boolean> = {};
  const eraseStores: Record<string, boolean> = {};
  for (const store of stores) {
    collectStores[planKey(store.id)] = wantsAll || (wantsPortable && store.portable);
    eraseStores[planKey(store.id)] = erase;
  }
  return {
    collect: Object.values(collectStores).some(Boolean),
    erase,
    collectStores,
    eraseStores,
  };
}

/** The stores the workflow touches after the review: only for the rights carried out. */
export function reviewedPlan(request: Parameters<typeof carriedOutRights>[0]): StorePlan {
  return planStores(carriedOutRights(request));
}
