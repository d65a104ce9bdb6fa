import type { StoreAction } from '../core/inventory/actions.js';

/**
 * A store's totals over all its parts, for the assemble step and the admin API (whose
 * console imports this type: it stays free of the AWS SDK and of Node's types).
 */
export interface StoreResult {
  storeId: string;
  action: StoreAction;
  items: number;
  bytes: number;
  retained: number;
  retainedUntil?: string;
  /** Export parts in order (collect). */
  parts: string[];
  /** Union of the attribute names in the parts, sorted: the CSV header. */
  columns: string[];
}
