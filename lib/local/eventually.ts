/**
 * Polls `check` every 100 ms until it returns a value other than undefined, or fails
 * naming `what` after `timeoutMs`. For code that drives the local system from outside
 * (the benchmark, tests) and waits for something the system does on its own.
 */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
