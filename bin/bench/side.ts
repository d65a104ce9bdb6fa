/**
 * Each side of a comparison runs in a process of its own (side-process.ts), so that its
 * peak RSS and CPU time are the operation's own: the bench hosts the emulators and the
 * seeded data, and starts one process per side and round with the side's spec as JSON.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DemoStores, DemoUser } from '../../lib/demo/index.js';
import { SDK_NODE_WARNING_OFF } from '../../lib/local/dev-defaults.js';
import { median, type BenchRow } from './harness.js';

/** The project's code, or the bare SDK loop doing the same work. */
export type Side = 'project' | 'baseline';

export type SideSpec =
  | {
      kind: 'store';
      operation: string;
      side: Side;
      stores: DemoStores;
      heavy: DemoUser;
      warmup: DemoUser;
      budgetMs: number;
    }
  | { kind: 'assemble'; side: Side; stores: DemoStores; heavy: DemoUser; warmup: DemoUser }
  | { kind: 'intake'; side: Side; requests: number; table: string; workflowArn: string };

export interface SideResult {
  ms: number;
  cpuMs: number;
  items: number;
  invocations: number;
  peakRssMb: number;
  /** Peak RSS after the warm-up, before the timed run: a peak that grows from it grows with the items. */
  warmupPeakRssMb: number;
  /** AWS calls the side made per item (the intake's per new request). */
  awsCallsPerItem: number;
}

export const MARK = 'BENCH-SIDE ';
/** The process that runs one side; separate from this module, which the sections import. */
const SCRIPT = fileURLToPath(new URL('./side-process.ts', import.meta.url));

/** Runs one side in a new process (with `env` on top of this one's) and returns what it measured. */
export async function runSide(spec: SideSpec, env: Record<string, string> = {}): Promise<SideResult> {
  // BENCH_CPU_PROF=<folder>: each side's process writes a V8 CPU profile there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', SCRIPT, JSON.stringify(spec)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // Handlers log warnings only, as in the bench's own process.
    env: { ...process.env, LOG_LEVEL: 'WARN', POWERTOOLS_LOG_LEVEL: 'WARN', ...SDK_NODE_WARNING_OFF, ...env },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exit = await new Promise<number | string | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  const line = output.split('\n').find((text) => text.startsWith(MARK));
  if (exit !== 0 || !line) throw new Error(`bench side ${JSON.stringify(spec.side)} ended with ${exit}:\n${output}`);
  return JSON.parse(line.slice(MARK.length)) as SideResult;
}

/**
 * Runs each side `rounds` times (each run a process of its own, see runSide), alternating
 * which goes first, and makes the row: the median wall and CPU time of each side, the
 * highest peak RSS of each side's processes.
 */
export async function compareSides(operation: string, rounds: number, run: (side: Side) => Promise<SideResult>, log: (line: string) => void): Promise<BenchRow> {
  const runs: Record<Side, SideResult[]> = { project: [], baseline: [] };
  for (let round = 0; round < rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['project', 'baseline'] : ['baseline', 'project'];
    for (const side of order) {
      const result = await run(side);
      runs[side].push(result);
      log(`${operation}: ${side} ${result.items} items in ${(result.ms / 1000).toFixed(1)} s, peak RSS ${result.peakRssMb} MB`);
    }
  }
  const items = runs.project[0]!.items;
  const mismatch = runs.baseline.find((result) => result.items !== items);
  if (mismatch) throw new Error(`${operation}: the project's side handled ${items} items, the baseline ${mismatch.items}`);
  const medianOf = (side: Side, key: 'ms' | 'cpuMs' | 'awsCallsPerItem') => median(runs[side].map((result) => result[key]));
  return {
    operation,
    items,
    invocations: runs.project[0]!.invocations,
    connectorMs: medianOf('project', 'ms'),
    baselineMs: medianOf('baseline', 'ms'),
    connectorCpuMs: medianOf('project', 'cpuMs'),
    baselineCpuMs: medianOf('baseline', 'cpuMs'),
    peakRssMb: Math.max(...runs.project.map((result) => result.peakRssMb)),
    warmupPeakRssMb: Math.max(...runs.project.map((result) => result.warmupPeakRssMb)),
    baselinePeakRssMb: Math.max(...runs.baseline.map((result) => result.peakRssMb)),
    callsPerItem: medianOf('project', 'awsCallsPerItem'),
  };
}
