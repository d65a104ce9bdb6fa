import { readStoreResults } from '../../functions/connectors/progress.js';
import { assemblePackage } from '../../functions/connectors/package.js';
import type { DemoStores, DemoUser } from '../../lib/demo/index.js';
import { bareDeflate } from './baselines.js';
import { runConnector } from './connectors.js';
import { timed, type BenchSection } from './harness.js';
import { compareSides, runSide, type Side } from './side.js';

export const ASSEMBLE_OPERATION = 'usage-logs assemble';

/** The request whose usage logs the section collected, once, for `user`. */
const requestIdOf = (user: DemoUser) => `bench-assemble-${user.accountId}`;

/**
 * Both sides of packaging a user's collected usage logs, as a side process runs them:
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

/**
 * Assemble in a process of its own on the heavy user's usage logs, collected once
 * beforehand by the store Lambda (that work is the connectors section's): its peak RSS is
 * the package's own, after the warm-up user's package and after the heavy user's, which
 * shows whether memory grows with the items.
 */
export const assembleSection: BenchSection = {
  name: 'assemble',
  async run(env) {
    for (const user of [env.warmup, env.heavy]) {
      const { ms, value } = await timed(() => runConnector(env.stores, env.options.budgetMs, user, 'usage-logs', 'collect', requestIdOf(user)));
      env.log(`collected ${value.items} usage logs of ${user.accountId} for Assemble in ${(ms / 1000).toFixed(1)} s`);
    }
    const row = await compareSides(
      ASSEMBLE_OPERATION,
      env.options.rounds,
      (side) => runSide({ kind: 'assemble', side, stores: env.stores, heavy: env.heavy, warmup: env.warmup }),
      env.log,
    );
    return [row];
  },
};
