import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { requestKeys } from '../../functions/core/request/keys.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { createHandler, type StoreStepResult } from '../../functions/store/index.js';
import { seedDemoData, type DemoUser } from '../../lib/demo/index.js';
import { bareCollect, bareCopy, bareDelete, bareErase } from './baselines.js';
import { lambdaContext, peakRssMb, timed, type BenchEnv, type BenchRow, type BenchSection } from './harness.js';

type StoreId = 'usage-logs' | 'media';
type Action = 'collect' | 'erase';

let requests = 0;

/** Calls a store's Lambda the way the state machine's loop does, until it reports done. */
async function runConnector(env: BenchEnv, user: DemoUser, storeId: StoreId, action: Action) {
  const { stores } = env;
  // A new request each run: a request's finished parts are replayed, not redone.
  const requestId = `bench-${storeId}-${action}-${++requests}`;
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
    LOG_LEVEL: 'WARN',
  });
  let items = 0;
  let invocations = 0;
  let cursor: string | null = null;
  do {
    const result: StoreStepResult = await handler({ requestId, action, cursor }, lambdaContext(env.options.budgetMs));
    items += result.items;
    invocations += 1;
    cursor = result.cursor;
  } while (cursor);
  return { items, invocations };
}

/** Puts a user's store back as seeded after an erase, so the next run has the same work. */
async function refill(env: BenchEnv, user: DemoUser, storeId: StoreId) {
  const { ms } = await timed(() =>
    seedDemoData({ tables: env.stores.tables, bucket: env.stores.mediaBucket, users: [user], sizes: env.sizes.get(user), only: [storeId] }),
  );
  if (user === env.heavy) env.log(`refilled ${storeId} in ${(ms / 1000).toFixed(1)} s`);
}

interface Comparison {
  operation: string;
  storeId: StoreId;
  action: Action;
  baseline: (user: DemoUser) => Promise<number>;
}

/**
 * Warms both sides up on the warm-up user (module loading, sockets and JIT would
 * otherwise count against whichever runs first), then runs each on the heavy user `rounds` times,
 * alternating which goes first, and keeps the best time of each. An erase is followed
 * by a refill, so every run starts from the same data. Best wall and best CPU time are
 * kept apart (they may come from different runs).
 */
async function compare(env: BenchEnv, comparison: Comparison): Promise<BenchRow> {
  const { operation, storeId, action } = comparison;
  const restore = (user: DemoUser) => (action === 'erase' ? refill(env, user, storeId) : Promise.resolve());
  const best = { connector: Infinity, baseline: Infinity, connectorCpu: Infinity, baselineCpu: Infinity };
  let items = 0;
  let invocations = 0;
  const sides = {
    connector: async (user: DemoUser) => {
      const run = await timed(() => runConnector(env, user, storeId, action));
      if (user === env.heavy) {
        ({ items, invocations } = run.value);
        best.connector = Math.min(best.connector, run.ms);
        best.connectorCpu = Math.min(best.connectorCpu, run.cpuMs);
        env.log(`${operation}: connector ${items} items in ${(run.ms / 1000).toFixed(1)} s (${invocations} calls)`);
      }
      await restore(user);
    },
    baseline: async (user: DemoUser) => {
      const run = await timed(() => comparison.baseline(user));
      if (user === env.heavy) {
        if (run.value !== items) throw new Error(`${operation}: connector handled ${items} items, baseline ${run.value}`);
        best.baseline = Math.min(best.baseline, run.ms);
        best.baselineCpu = Math.min(best.baselineCpu, run.cpuMs);
        env.log(`${operation}: baseline ${run.value} items in ${(run.ms / 1000).toFixed(1)} s`);
      }
      await restore(user);
    },
  };
  await sides.connector(env.warmup);
  await sides.baseline(env.warmup);
  for (let round = 0; round < env.options.rounds; round++) {
    const order = round % 2 === 0 ? [sides.connector, sides.baseline] : [sides.baseline, sides.connector];
    for (const side of order) await side(env.heavy);
  }
  return {
    operation,
    items,
    invocations,
    connectorMs: best.connector,
    baselineMs: best.baseline,
    connectorCpuMs: best.connectorCpu,
    baselineCpuMs: best.baselineCpu,
    peakRssMb: peakRssMb(),
  };
}

/** (a)-(d): the connectors through the store Lambda against bare SDK loops. */
export const connectorSection: BenchSection = {
  name: 'connectors',
  async run(env) {
    const { stores } = env;
    const usageTable = stores.tables['usage-logs']!;
    const mediaPrefix = (user: DemoUser) => `accounts/${user.accountId}/`;
    const comparisons: Comparison[] = [
      {
        operation: 'usage-logs collect',
        storeId: 'usage-logs',
        action: 'collect',
        baseline: (user) => bareCollect(usageTable, user.accountId, stores.exportBucket, 'bench/baseline/usage-logs.jsonl'),
      },
      {
        operation: 'usage-logs erase',
        storeId: 'usage-logs',
        action: 'erase',
        baseline: (user) => bareErase(usageTable, user.accountId),
      },
      {
        operation: 'media copy',
        storeId: 'media',
        action: 'collect',
        baseline: (user) => bareCopy(stores.mediaBucket, mediaPrefix(user), stores.exportBucket, 'bench/baseline/media/'),
      },
      {
        operation: 'media delete',
        storeId: 'media',
        action: 'erase',
        baseline: (user) => bareDelete(stores.mediaBucket, mediaPrefix(user)),
      },
    ];
    const rows: BenchRow[] = [];
    for (const comparison of comparisons) rows.push(await compare(env, comparison));
    return rows;
  },
};
