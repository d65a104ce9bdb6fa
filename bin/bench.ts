/**
 * Benchmark: starts the emulators, seeds a heavy demo user and a normal one, runs each
 * section and prints a table. Its options are in BENCH below (`npm run bench -- --help`);
 * `--section name` runs only that section. Standalone sections (`cost`,
 * `bundles`) need none of the seeded stores and print their own report after the others.
 * At the end it prints issue 15's figures against their goals; `--json <file>` writes them.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  createDemoStores,
  DEFAULT_SIZES,
  DEMO_USERS,
  seedDemoData,
  type DemoSizes,
  type DemoUser,
} from '../lib/demo/index.js';
import { startLocalAws } from '../lib/demo/local-aws.js';
import { SDK_NODE_WARNING_OFF } from '../lib/local/dev-defaults.js';
import { ASSEMBLE_OPERATION } from './bench/assemble.js';
import { costFigures, figure, formatSummary } from './bench/figures.js';
import {
  formatTable,
  timed,
  type BenchEnv,
  type BenchRow,
  type BenchSection,
  type Figure,
  type StandaloneSection,
} from './bench/harness.js';
import { SECTIONS } from './bench/sections.js';
import { toolArgs, usageError, type Tool, type ToolOptions } from './tool-options.js';

const BENCH = {
  name: 'bench',
  summary:
    'Seeds a heavy and a normal demo user on the emulators, measures each section against a bare AWS SDK loop ' +
    "and prints the tables, then issue 15's figures against their goals.",
  options: {
    'usage-logs': { type: 'string', value: '<n>', default: '100000', env: 'BENCH_USAGE_LOGS', description: "the heavy user's usage-log items" },
    media: { type: 'string', value: '<n>', default: '5000', env: 'BENCH_MEDIA', description: "the heavy user's media objects" },
    // The deployed connector timeout (DEFAULT_CONNECTOR_TIMEOUT in lib/constructs/store-work.ts).
    'budget-ms': { type: 'string', value: '<ms>', default: '45000', env: 'BENCH_BUDGET_MS', description: "a store Lambda invocation's budget, as deployed" },
    rounds: { type: 'string', value: '<n>', default: '3', env: 'BENCH_ROUNDS', description: 'runs of each side, alternating which goes first; the tables show medians' },
    section: {
      type: 'string',
      multiple: true,
      value: '<name>',
      description: `only this section, one of ${SECTIONS.map((section) => section.name).join(', ')}; without it, every section`,
    },
    json: { type: 'string', value: '<file>', description: "write issue 15's figures to this file as JSON" },
    'report-only': {
      type: 'boolean',
      description: 'print only the sections\' own reports, without the closing figures (set on the process the bench starts for a standalone section)',
    },
  },
} as const satisfies Tool<ToolOptions>;
const values = toolArgs(BENCH);
const positive = (name: string, raw: string) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) usageError(BENCH, `--${name} must be a positive integer, not '${raw}'`);
  return value;
};
const options = {
  usageLogs: positive('usage-logs', values['usage-logs']),
  media: positive('media', values.media),
  budgetMs: positive('budget-ms', values['budget-ms']),
  rounds: positive('rounds', values.rounds),
};
const unknown = values.section?.filter((name) => !SECTIONS.some((section) => section.name === name)) ?? [];
if (unknown.length > 0) usageError(BENCH, `unknown --section ${unknown.join(', ')} (sections: ${SECTIONS.map((section) => section.name).join(', ')})`);
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

/** Sections whose figures the bench reads off their printed report, run in a process of their own. */
const REPORT_READERS: Record<string, (report: string) => Figure[]> = { cost: costFigures };

const figures: Figure[] = [];
if (sections.length > 0) figures.push(...figuresOf(await storeSections(sections)));
for (const section of selected.filter(isStandalone)) {
  log(`section ${section.name}`);
  const reader = REPORT_READERS[section.name];
  if (reader && !values['report-only']) figures.push(...reader(await reportOf(section.name)));
  else figures.push(...((await section.run(log, options)) ?? []));
}
if (!values['report-only']) {
  const loadAverage = loadavg().map((load) => Number(load.toFixed(2)));
  console.log(`\nIssue 15's figures, this run against the issue's "now" and goals (load average ${loadAverage.join(', ')}):\n`);
  console.log(`${formatSummary(figures)}\n`);
  if (values.json) {
    const json = { figures: figures.map(({ name, value, unit, goal, pass }) => ({ name, value, unit, goal, pass })), loadAverage };
    writeFileSync(values.json, `${JSON.stringify(json, null, 2)}\n`);
    log(`figures written to ${values.json}`);
  }
}

/** Runs one standalone section as `npm run bench -- --section <name>` in a new process, showing and returning its output. */
async function reportOf(name: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--section', name, '--rounds', String(options.rounds), '--report-only'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...SDK_NODE_WARNING_OFF },
  });
  let report = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    report += chunk;
    process.stdout.write(chunk);
  });
  const exit = await new Promise<number | string | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  if (exit !== 0) throw new Error(`the ${name} section's process ended with ${exit}`);
  return report;
}

/** The store sections' figures: connector and intake ratios, the connectors' and Assemble's peak RSS, the intake's calls. */
function figuresOf(rows: readonly BenchRow[]): Figure[] {
  const ratio = (row: BenchRow) => Number((row.baselineMs / row.connectorMs).toFixed(2));
  const sized = (row: BenchRow) => `${row.items} items, median of ${options.rounds}`;
  const rss = (row: BenchRow) => `${row.items} items; ${row.warmupPeakRssMb} MB after the warm-up`;
  const found: Figure[] = [];
  for (const row of rows) {
    if (row.operation === 'usage-logs collect') found.push(figure('collectRatio', ratio(row), sized(row)), figure('collectRss', row.peakRssMb, rss(row)));
    if (row.operation === 'usage-logs erase') found.push(figure('eraseRatio', ratio(row), sized(row)), figure('eraseRss', row.peakRssMb, rss(row)));
    if (row.operation === ASSEMBLE_OPERATION) found.push(figure('assembleRss', row.peakRssMb, rss(row)));
    if (row.operation.startsWith('intake')) {
      found.push(figure('intakeRatio', ratio(row), sized(row)), figure('intakeCalls', Number(row.callsPerItem.toFixed(2))));
    }
  }
  return found;
}

/** The sections on the seeded demo stores, with the speed table. */
async function storeSections(sections: readonly BenchSection[]): Promise<BenchRow[]> {
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
      `ratio = project items/s ÷ baseline items/s, medians of ${options.rounds} runs alternating which side goes first; ` +
        `each run is a process of its own (warm-up, then the timed run), so CPU s and peak RSS are that side's own, ` +
        `the emulators' excluded; invocations = store Lambda calls at a ${options.budgetMs} ms budget`,
    );
    return rows;
  } finally {
    await emulators.stop();
  }
}
