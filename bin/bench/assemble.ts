import { requestIdOf } from './assemble-sides.js';
import { runConnector } from './connectors.js';
import { timed, type BenchSection } from './harness.js';
import { compareSides, runSide } from './side.js';

export const ASSEMBLE_OPERATION = 'usage-logs assemble';

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
