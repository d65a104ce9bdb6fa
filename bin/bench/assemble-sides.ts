/**
 * Both sides of packaging a user's collected usage logs, apart from the section
 * (assemble.ts) so that a side's process loads no store connector: its peak RSS is the
 * package's own.
 */
import { readStoreResults } from '../../functions/connectors/progress.js';
import { assemblePackage } from '../../functions/connectors/package.js';
import type { DemoStores, DemoUser } from '../../lib/demo/index.js';
import { bareDeflate } from './baselines.js';
import type { Side } from './side.js';

/** The request whose usage logs the section collected, once, for `user`. */
export const requestIdOf = (user: DemoUser) => `bench-assemble-${user.accountId}`;

/**
 * Assemble's package (assemblePackage, as the Assemble Lambda calls it) against the same
 * parts deflated into one upload (bareDeflate).
 */
export function assembleComparison(stores: DemoStores): Record<Side, (user: DemoUser) => Promise<{ items: number; invocations: number }>> {
  const collected = async (user: DemoUser) => {
    const results = await readStoreResults(stores.requestsTable, requestIdOf(user));
    return results.filter((result) => result.storeId === 'usage-logs' && result.action === 'collect');
  };
  return {
    project: async (user) => {
      const results = await collected(user);
      await assemblePackage({ exportBucket: stores.exportBucket, requestId: requestIdOf(user), stores: results, documents: [] });
      return { items: results[0]!.items, invocations: 1 };
    },
    baseline: async (user) => {
      const [result] = await collected(user);
      await bareDeflate(stores.exportBucket, result!.parts, 'bench/baseline/usage-logs.deflate');
      return { items: result!.items, invocations: 0 };
    },
  };
}
