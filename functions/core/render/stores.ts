import { STORES, type StoreDefinition } from '../inventory/index.js';
import { RenderInputError } from './errors.js';
import { formatCount } from './numbers.js';
import type { Locale } from './types.js';

export type Inventory = readonly StoreDefinition[];

export function resolveStore(storeId: string, inventory: Inventory = STORES): StoreDefinition {
  const store = inventory.find((candidate) => candidate.id === storeId);
  if (!store) throw new RenderInputError(`Unknown store ${JSON.stringify(storeId)}`);
  return store;
}

/** Object stores hold files (media); table stores hold items. */
export function storeCount(store: StoreDefinition, count: number, locale: Locale): string {
  return formatCount(count, store.location.kind === 's3' ? 'file' : 'item', locale);
}

/**
 * The paths of a store's data in the access package: JSON and CSV for every store, and
 * the original files under `media/` for an object store.
 */
export function accessPackageFiles(store: Pick<StoreDefinition, 'id' | 'location'>): string[] {
  const files = [`data/${store.id}.json`, `data/${store.id}.csv`];
  if (store.location.kind === 's3') files.push('media/');
  return files;
}
