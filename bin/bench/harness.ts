import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { DemoSizes, DemoStores, DemoUser } from '../../lib/demo/index.js';

export interface BenchOptions {
  usageLogs: number;
  media: number;
  /** Time one connector invocation gets, as a Lambda timeout would give it. */
  budgetMs: number;
  /** Runs of each side per comparison, alternating which goes first; the median counts. */
  rounds: number;
}

/** What every section gets: running emulators with the demo stores, seeded. */
export interface BenchEnv {
  stores: DemoStores;
  options: BenchOptions;
  /** The user with the large data set, one with the defaults, and a mid-sized one to warm up on. */
  heavy: DemoUser;
  normal: DemoUser;
  warmup: DemoUser;
  /** What each user was seeded with, to refill a store after an erase. */
  sizes: Map<DemoUser, DemoSizes>;
  log(line: string): void;
}

/** One comparison: the project's code against a bare SDK loop doing the same work. */
export interface BenchRow {
  operation: string;
  items: number;
  connectorMs: number;
  baselineMs: number;
  /** CPU time of this process (user + system): the code's own cost, less shaken by a busy machine than wall time. */
  connectorCpuMs: number;
  baselineCpuMs: number;
  invocations: number;
  /** The highest peak RSS of the processes that ran each side (each side runs in its own). */
  peakRssMb: number;
  /** The project's side's peak RSS after its warm-up, before the timed run. */
  warmupPeakRssMb: number;
  baselinePeakRssMb: number;
  /** AWS calls the project's side made per item. */
  callsPerItem: number;
}

/** A part of the benchmark; sections live in bin/bench/ and are listed in sections.ts. */
export interface BenchSection {
  name: string;
  run(env: BenchEnv): Promise<BenchRow[]>;
}

/**
 * A section that needs none of the seeded stores and no baseline: it starts what it
 * needs itself and prints its own report (the `cost` section).
 */
export interface StandaloneSection {
  name: string;
  standalone: true;
  /** Prints its report; returns its figures, or none when the bench reads them off that report. */
  run(log: (line: string) => void, options: BenchOptions): Promise<Figure[] | void>;
}

/** One figure of the bench's summary, as `--json` writes it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** As the issue states it, e.g. `>= 0.5`; `measured` when the figure has none. */
  goal: string;
  pass: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function formatColumns(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** A Lambda context of an invocation of its own, whose clock runs out `ms` from now. */
export function lambdaContext(ms: number): Context {
  const deadline = Date.now() + ms;
  return { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => deadline - Date.now() } as Context;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const perSecond = (items: number, ms: number) => Math.round((items / ms) * 1000);
  const header = ['operation', 'items', 'connector/s', 'baseline/s', 'ratio', 'CPU s conn/base', 'invocations', 'AWS calls/item', 'peak RSS MB conn (after warm-up) / base'];
  const body = rows.map((row) => {
    const connector = perSecond(row.items, row.connectorMs);
    const baseline = perSecond(row.items, row.baselineMs);
    return [
      row.operation,
      String(row.items),
      String(connector),
      String(baseline),
      (connector / baseline).toFixed(2),
      `${(row.connectorCpuMs / 1000).toFixed(1)} / ${(row.baselineCpuMs / 1000).toFixed(1)}`,
      String(row.invocations),
      row.callsPerItem.toFixed(2),
      `${row.peakRssMb} (${row.warmupPeakRssMb}) / ${row.baselinePeakRssMb}`,
    ];
  });
  return formatColumns(header, body);
}
