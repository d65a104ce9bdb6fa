import { STORES, type StoreDefinition } from '../inventory/index.js';
import { ages } from './plan.js';

const DAY_MS = 86_400_000;
/** A shorter gap between receipt and collection is the time the steps take, not a wait. */
const MIN_GAP_MS = 3_600_000;

/** Data of one store that may have aged out between receipt and collection. */
export interface AgedOutWindow {
  storeId: string;
  /** Retention period of the store, in days. */
  days: number;
  /** Data recorded from this instant … */
  from: string;
  /** … up to this one reached the end of its retention before it was collected. */
  to: string;
}

const retentionDays = (store: StoreDefinition) =>
  store.location.kind === 's3' ? store.location.expireAfterDays : store.retention.days;

/**
 * What the retention policy may have deleted after receipt and before the stores that age
 * data out were collected (the identity check and the steps before the hold): per store,
 * the data recorded between receipt and collection, each minus the store's retention.
 */
export function agedOutWindows(
  storeIds: readonly string[],
  receivedAt: string,
  collectedAt: string,
  stores: readonly StoreDefinition[] = STORES,
): AgedOutWindow[] {
  const received = Date.parse(receivedAt);
  const collected = Date.parse(collectedAt);
  if (!(collected - received > MIN_GAP_MS)) return [];
  return stores
    .filter((store) => storeIds.includes(store.id) && ages(store))
    .flatMap((store) => {
      const days = retentionDays(store);
      if (!days) return [];
      const from = new Date(received - days * DAY_MS).toISOString();
      const to = new Date(collected - days * DAY_MS).toISOString();
      return [{ storeId: store.id, days, from, to }];
    });
}
