import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { requestKeys } from '../../functions/core/request/keys.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import type { StoreStepResult } from '../../functions/store/contract.js';
import { createHandler } from '../../functions/store/index.js';
import { seedDemoData, type DemoStores, type DemoUser } from '../../lib/demo/index.js';
import { bareCollect, bareCopy, bareDelete, bareErase } from './baselines.js';
import { lambdaContext, timed, type BenchEnv, type BenchRow, type BenchSection } from './harness.js';
import { compareSides, runSide, type Side } from './side.js';

type StoreId = 'usage-logs' | 'media';
type Action = 'collect' | 'erase';
type Run = (user: DemoUser) => Promise<{ items: number; invocations: number }>;

/**
 * Calls a store's Lambda the way the state machine's loop does, until it reports done. A
 * new request each run by default: a request's finished parts are replayed, not redone.
 */
export async function runConnector(
  stores: DemoStores,
  budgetMs: number,
  user: DemoUser,
  storeId: StoreId,
  action: Action,
  requestId = `bench-${storeId}-${action}-${process.pid}-${Date.now()}`,
) {
  await documentClient().send(
    new PutCommand({
      TableName: stores.requestsTable,
      Item: { pk: requestKeys.pk(requestId), sk: requestKeys.meta, requestId, subject: { accountId: user.accountId, found: true } },
    }),
  );
  const handler = createHandler({
    STORE_ID: storeId,
    ...(storeId === 'media' ? { STORE_BUCKET: stores.mediaBucket } : { STORE_TABLE: stores.tables[storeId]! }),
    REQUESTS_TABLE: stores.requestsTable,
    EXPORT_BUCKET: stores.exportBucket,
  });
  let items = 0;
  let invocations = 0;
  let cursor: string | null = null;
  do {
    const result: StoreStepResult = await handler({ requestId, action, cursor }, lambdaContext(budgetMs));
    items += result.items;
    invocations += 1;
    cursor = result.cursor;
  } while (cursor);
  return { items, invocations };
}

/** (a)-(d): the connectors through the store Lambda against bare SDK loops doing the same work. */
const OPERATIONS: Record<string, { storeId: StoreId; action: Action; baseline(stores: DemoStores, user: DemoUser): Promise<number> }> = {
  'usage-logs collect': {
    storeId: 'usage-logs',
    action: 'collect',
    baseline: (stores, user) => bareCollect(stores.tables['usage-logs']!, user.accountId, stores.exportBucket, 'bench/baseline/usage-logs.jsonl'),
  },
  'usage-logs erase': {
    storeId: 'usage-logs',
    action: 'erase',
    baseline: (stores, user) => bareErase(stores.tables['usage-logs']!, user.accountId),
  },
  'media copy': {
    storeId: 'media',
    action: 'collect',
    baseline: (stores, user) => bareCopy(stores.mediaBucket, `accounts/${user.accountId}/`, stores.exportBucket, 'bench/baseline/media/'),
  },
  'media delete': {
    storeId: 'media',
    action: 'erase',
    baseline: (stores, user) => bareDelete(stores.mediaBucket, `accounts/${user.accountId}/`),
  },
};

/** Both sides of one operation, as a side process runs them (bin/bench/side.ts). */
export function storeComparison(operation: string, stores: DemoStores, budgetMs: number): Record<Side, Run> {
  const { storeId, action, baseline } = OPERATIONS[operation]!;
  return {
    project: (user) => runConnector(stores, budgetMs, user, storeId, action),
    baseline: async (user) => ({ items: await baseline(stores, user), invocations: 0 }),
  };
}

/** Puts a user's store back as seeded after an erase, so the next run has the same work. */
async function refill(env: BenchEnv, user: DemoUser, storeId: StoreId) {
  const { ms } = await timed(() =>
    seedDemoData({ tables: env.stores.tables, bucket: env.stores.mediaBucket, users: [user], sizes: env.sizes.get(user), only: [storeId] }),
  );
  if (user === env.heavy) env.log(`refilled ${storeId} in ${(ms / 1000).toFixed(1)} s`);
}

/**
 * Each side runs in a process of its own that first warms up on the warm-up user (module
 * loading, sockets and JIT would otherwise count against the side) and then works on the
 * heavy user. An erase is followed by a refill of both, so every run starts from the same data.
 */
function compare(env: BenchEnv, operation: string): Promise<BenchRow> {
  const { storeId, action } = OPERATIONS[operation]!;
  return compareSides(
    operation,
    env.options.rounds,
    async (side) => {
      const result = await runSide({ kind: 'store', operation, side, stores: env.stores, heavy: env.heavy, warmup: env.warmup, budgetMs: env.options.budgetMs });
      if (action === 'erase') {
        await refill(env, env.warmup, storeId);
        await refill(env, env.heavy, storeId);
      }
      return result;
    },
    env.log,
  );
}

export const connectorSection: BenchSection = {
  name: 'connectors',
  async run(env) {
    const rows: BenchRow[] = [];
    for (const operation of Object.keys(OPERATIONS)) rows.push(await compare(env, operation));
    return rows;
  },
};
