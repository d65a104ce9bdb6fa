/**
 * Benchmark: starts the emulators, seeds a heavy demo user and a normal one, runs each
 * section and prints a table. `npm run bench -- --usage-logs 100000 --media 5000`
 * `--budget-ms 15000 --rounds 1` (or BENCH_USAGE_LOGS / BENCH_MEDIA / BENCH_BUDGET_MS /
 * BENCH_ROUNDS); `--section name` runs only that section. Standalone sections (`cost`)
 * need none of the seeded stores and print their own report after the others.
 */
import { parseArgs } from 'node:util';
import {
  createDemoStores,
  DEFAULT_SIZES,
  DEMO_USERS,
  seedDemoData,
  type DemoSizes,
  type DemoUser,
} from '../lib/demo/index.js';
import { startLocalAws } from '../lib/demo/local-aws.js';
import {
  formatTable,
  peakRssMb,
  timed,
  type BenchEnv,
  type BenchRow,
  type BenchSection,
  type StandaloneSection,
} from './bench/harness.js';
import { SECTIONS } from './bench/sections.js';

const { values } = parseArgs({
  options: {
    'usage-logs': { type: 'string', default: process.env.BENCH_USAGE_LOGS ?? '100000' },
    media: { type: 'string', default: process.env.BENCH_MEDIA ?? '5000' },
    'budget-ms': { type: 'string', default: process.env.BENCH_BUDGET_MS ?? '15000' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '1' },
    section: { type: 'string', multiple: true },
  },
});
const positive = (name: string, raw: string) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const options = {
  usageLogs: positive('usage-logs', values['usage-logs']),
  media: positive('media', values.media),
  budgetMs: positive('budget-ms', values['budget-ms']),
  rounds: positive('rounds', values.rounds),
};
const unknown = values.section?.filter((name) => !SECTIONS.some((section) => section.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown --section ${unknown.join(', ')} (sections: ${SECTIONS.map((section) => section.name).join(', ')})`);
  process.exit(2);
}
const selected = SECTIONS.filter((section) => !values.section || values.section.includes(section.name));
const isStandalone = (section: BenchSection | StandaloneSection): section is StandaloneSection => 'standalone' in section;
const sections = selected.filter((section): section is BenchSection => !isStandalone(section));

/** Only the benchmark uses this account: both sides warm up on it before they are timed. */
const WARMUP: DemoUser = {
  accountId: 'acct_01j9warmup00',
  email: 'warmup@example.org',
  displayName: 'Warm Up',
  locale: 'en',
  createdAt: '2025-01-01T00:00:00.000Z',
};
const log = (line: string) => console.log(`[bench ${(performance.now() / 1000).toFixed(1).padStart(6)} s] ${line}`);

if (sections.length > 0) await storeSections(sections);
for (const section of selected.filter(isStandalone)) {
  log(`section ${section.name}`);
  await section.run(log, options);
}

/** The sections on the seeded demo stores, with the speed table. */
async function storeSections(sections: readonly BenchSection[]) {
  const emulators = await startLocalAws();
  try {
    const stores = await createDemoStores('bench-');
    const [heavy, normal] = DEMO_USERS as [DemoUser, DemoUser];
    const sizes = new Map<DemoUser, DemoSizes>([
      [heavy, { ...DEFAULT_SIZES, 'usage-logs': options.usageLogs, media: options.media }],
      [normal, DEFAULT_SIZES],
      [WARMUP, { ...DEFAULT_SIZES, 'usage-logs': Math.min(5_000, options.usageLogs), media: Math.min(200, options.media) }],
    ]);
    const seeded = await timed(async () => {
      for (const [user, userSizes] of sizes) {
        const onProgress = (event: { storeId: string; count: number }) => {
          if (user === heavy) log(`seeded ${event.storeId}: ${event.count}`);
        };
        await seedDemoData({ tables: stores.tables, bucket: stores.mediaBucket, users: [user], sizes: userSizes, onProgress });
      }
    });
    log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s (${options.usageLogs} usage logs, ${options.media} media objects)`);

    const env: BenchEnv = { stores, options, heavy, normal, warmup: WARMUP, sizes, log };
    const rows: BenchRow[] = [];
    for (const section of sections) {
      log(`section ${section.name}`);
      rows.push(...(await section.run(env)));
    }
    console.log(`\n${formatTable(rows)}\n`);
    console.log(
      `ratio = connector items/s ÷ baseline items/s (best of ${options.rounds}); CPU s = this process's CPU time, ` +
        `the emulators' excluded; calls = store Lambda invocations at a ${options.budgetMs} ms budget; ` +
        `peak RSS of this process ${peakRssMb()} MB (emulators run in a child process)`,
    );
  } finally {
    await emulators.stop();
  }
}
