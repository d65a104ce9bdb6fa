import type { LocalFunction } from '../../../lib/local-runtime/lambda-host.js';

/** Polls `probe` until it returns a value other than undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Counts of the handles that keep a process alive (servers, sockets, child processes, timers). */
export function liveHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (['TCPServerWrap', 'TCPSocketWrap', 'ProcessWrap', 'Timeout'].includes(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** A function of the fixture folder (test/lib/local-runtime/fixture/functions/<fixture>) as the LambdaHost runs it. */
export function fixtureFunction(logicalId: string, fixture: string, timeoutSeconds = 3): LocalFunction {
  return {
    logicalId,
    name: `local-${logicalId}`,
    arn: `arn:aws:lambda:eu-west-1:000000000000:function:local-${logicalId}`,
    entry: `test/lib/local-runtime/fixture/functions/${fixture}/index.ts`,
    timeoutSeconds,
    memorySize: 128,
    environment: {},
  };
}
