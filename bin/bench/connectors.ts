import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { requestKeys } from '../../functions/core/request/keys.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { createHandler, type StoreStepResult } from '../../functions/store/index.js';
import { seedDemoData, type DemoSizes } from '../../lib/demo/index.js';
import { bareCollect, bareCopy, bareDelete, bareErase } from './baselines.js';
import { lambdaContext, peakRssMb, timed, type BenchEnv, type BenchRow, type BenchSection } from './harness.js';

let runs = 0;

/** Calls a store's Lambda the way the state machine's loop does, until it reports done. */
async function runConnector(env: BenchEnv, storeId: 'usage-logs' | 'media', action: 'collect' | 'erase') {
  const { stores, heavy } = env;
  // A new request each run: a request's finished parts are replayed, not redone.
  const requestId = `bench-${storeId}-${action}-${++runs}`;
  await documentClient().send(
    new PutCommand({
      TableName: stores.requestsTable,
      Item: { pk: requestKeys.pk(requestId), sk: requestKeys.meta, requestId, subject: { accountId: heavy.accountId, found: true } },
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

/**
 * Runs the connector and the bare loop `rounds` times each, alternating which goes first,
 * and keeps the best time of each: single runs on the emulators vary by a third.
 * `restore` runs after every run that consumed the data (erase), so the next starts equal.
 */
async function compare(
  env: BenchEnv,
  operation: string,
  connector: () => Promise<{ items: number; invocations: number }>,
  baseline: () => Promise<number>,
  restore?: () => Promise<void>,
): Promise<BenchRow> {
  const best = { connector: Infinity, baseline: Infinity };
  let items = 0;
  let invocations = 0;
  const runs = {
    connector: async () => {
      const run = await timed(connector);
      ({ items, invocations } = run.value);
      best.connector = Math.min(best.connector, run.ms);
      env.log(`${operation}: connector ${items} items in ${(run.ms / 1000).toFixed(1)} s (${invocations} calls)`);
    },
    baseline: async () => {
      const run = await timed(baseline);
      if (run.value !== items) throw new Error(`${operation}: connector handled ${items} items, baseline ${run.value}`);
      best.baseline = Math.min(best.baseline, run.ms);
      env.log(`${operation}: baseline ${run.value} items in ${(run.ms / 1000).toFixed(1)} s`);
    },
  };
  for (let round = 0; round < env.options.rounds; round++) {
    const order = round % 2 === 0 ? [runs.connector, runs.baseline] : [runs.baseline, runs.connector];
    for (const run of order) {
      await run();
      await restore?.();
    }
  }
  return { operation, items, connectorMs: best.connector, baselineMs: best.baseline, invocations, peakRssMb: peakRssMb() };
}

/** Refills one store of the heavy user after an erase, so the next run has the same work. */
async function refill(env: BenchEnv, storeId: 'usage-logs' | 'media') {
  const sizes: Partial<DemoSizes> = { 'usage-logs': env.options.usageLogs, media: env.options.media };
  const { ms } = await timed(() =>
    seedDemoData({ tables: env.stores.tables, bucket: env.stores.mediaBucket, users: [env.heavy], sizes, only: [storeId] }),
  );
  env.log(`refilled ${storeId} in ${(ms / 1000).toFixed(1)} s`);
}

/** (a)-(d): the connectors through the store Lambda against bare SDK loops. */
export const connectorSection: BenchSection = {
  name: 'connectors',
  async run(env) {
    const { stores, heavy } = env;
    const usageTable = stores.tables['usage-logs']!;
    const mediaPrefix = `accounts/${heavy.accountId}/`;
    const rows: BenchRow[] = [];
    rows.push(
      await compare(
        env,
        'usage-logs collect',
        () => runConnector(env, 'usage-logs', 'collect'),
        () => bareCollect(usageTable, heavy.accountId, stores.exportBucket, 'bench/baseline/usage-logs.jsonl'),
      ),
    );
    rows.push(
      await compare(
        env,
        'usage-logs erase',
        () => runConnector(env, 'usage-logs', 'erase'),
        () => bareErase(usageTable, heavy.accountId),
        () => refill(env, 'usage-logs'),
      ),
    );
    rows.push(
      await compare(
        env,
        'media copy',
        () => runConnector(env, 'media', 'collect'),
        () => bareCopy(stores.mediaBucket, mediaPrefix, stores.exportBucket, 'bench/baseline/media/'),
      ),
    );
    rows.push(
      await compare(
        env,
        'media delete',
        () => runConnector(env, 'media', 'erase'),
        () => bareDelete(stores.mediaBucket, mediaPrefix),
        () => refill(env, 'media'),
      ),
    );
    return rows;
  },
};
