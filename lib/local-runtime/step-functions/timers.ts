import { executionAbortedError } from './errors.js';

/**
 * The longest delay Node's setTimeout honours (~24.8 days); a longer one fires at once.
 * aws-local-stepfunctions passes state timeouts straight to setTimeout, so every timer
 * the runtime sets or lets the library set is clamped to this.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;
export const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

/** Resolves after `ms` (clamped), or rejects with an abort error when `signal` fires. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(executionAbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(executionAbortedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles like `work`, unless `timeoutMs` passes first (rejects with `timeoutError()`) or
 * `signal` fires (rejects with an abort error). Its timer never outlives it.
 */
export function guard<T>(work: Promise<T>, timeoutMs: number | undefined, signal: AbortSignal, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(executionAbortedError());
    const timer =
      timeoutMs === undefined ? undefined : setTimeout(() => finish(() => reject(timeoutError())), Math.min(timeoutMs, MAX_TIMER_MS));
    const onAbort = () => finish(() => reject(executionAbortedError()));
    function finish(settle: () => void) {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      settle();
    }
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
