import { afterAll, beforeAll } from 'vitest';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/**
 * Records what the handlers log while it runs. They run in this process; Powertools'
 * Logger writes JSON lines to process.stdout/stderr (the global console in dev mode), so
 * both the streams and the console are tapped. Lines are kept, not printed.
 */
export function captureLogs() {
  const lines: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const writes = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  }
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const consoles = methods.map((method) => console[method]);
  for (const method of methods) console[method] = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  return {
    lines,
    withEmail: () => lines.filter((line) => EMAIL.test(line)),
    stop() {
      streams.forEach((stream, i) => (stream.write = writes[i]!));
      methods.forEach((method, i) => (console[method] = consoles[i]!));
    },
  };
}

/** captureLogs() around a whole test file: from before its target starts until after its last test. */
export function captureLogsOfFile() {
  let capture: ReturnType<typeof captureLogs> | undefined;
  beforeAll(() => {
    capture = captureLogs();
  });
  afterAll(() => capture?.stop());
  return {
    get lines() {
      return capture!.lines;
    },
    withEmail: () => capture!.withEmail(),
  };
}
