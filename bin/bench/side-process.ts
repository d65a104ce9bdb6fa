/**
 * One side of one comparison (bin/bench/side.ts starts it with the side's spec as JSON):
 * warms up, runs the operation once, and prints `BENCH-SIDE <result JSON>`. The emulators'
 * endpoints come with the environment.
 */
import { documentClient, s3Client, sfnClient } from '../../functions/shared/aws-clients.js';
import { peakRssMb, timed } from './harness.js';
import { MARK, type SideResult, type SideSpec } from './side.js';

/** Counts the calls of the handlers' shared SDK clients while `work` runs. */
async function countingCalls<T>(work: () => Promise<T>): Promise<{ value: T; calls: number }> {
  const clients: { middlewareStack: any }[] = [documentClient(), s3Client(), sfnClient()];
  let calls = 0;
  const count = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
    calls += 1;
    return next(args);
  };
  for (const client of clients) client.middlewareStack.add(count, { step: 'initialize', name: 'benchCallCounter' });
  try {
    return { value: await work(), calls };
  } finally {
    for (const client of clients) client.middlewareStack.remove('benchCallCounter');
  }
}

async function main(spec: SideSpec): Promise<SideResult> {
  // Only the code of this side's kind is loaded: the others' modules would count in its peak RSS.
  if (spec.kind === 'store' || spec.kind === 'assemble') {
    const sides =
      spec.kind === 'store'
        ? (await import('./connectors.js')).storeComparison(spec.operation, spec.stores, spec.budgetMs)
        : (await import('./assemble-sides.js')).assembleComparison(spec.stores);
    const operation = sides[spec.side];
    await operation(spec.warmup);
    const warmupPeakRssMb = peakRssMb();
    const run = await timed(() => countingCalls(() => operation(spec.heavy)));
    const { items, invocations } = run.value.value;
    return { ms: run.ms, cpuMs: run.cpuMs, items, invocations, peakRssMb: peakRssMb(), warmupPeakRssMb, awsCallsPerItem: run.value.calls / items };
  }
  const sides = (await import('./intake.js')).intakeSides(spec.table, spec.workflowArn);
  await sides[spec.side](50);
  const warmupPeakRssMb = peakRssMb();
  const run = await timed(() => countingCalls(() => sides[spec.side](spec.requests)));
  const items = spec.requests;
  return { ms: run.ms, cpuMs: run.cpuMs, items, invocations: items, peakRssMb: peakRssMb(), warmupPeakRssMb, awsCallsPerItem: run.value.calls / items };
}

const result = await main(JSON.parse(process.argv[2]!) as SideSpec);
console.log(`${MARK}${JSON.stringify(result)}`);
