import { storeItemCount as countIn } from '../../lib/local/store-count.js';
import type { DsrTarget } from './target.js';

/** How many items (or media files) a store of the target holds for an account. */
export const storeItemCount = (target: DsrTarget, storeId: string, accountId: string): Promise<number> =>
  countIn(target.resources, storeId, accountId);
