export interface PoolOptions {
  /** Checked before each item is taken, with the number taken so far: true stops taking more. */
  until?: (taken: number) => boolean;
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight, pulling items lazily so a
 * generator of a million writes never materialises. Items are taken in order and every
 * taken item is finished, so the items handled are always a prefix: their count is
 * returned. The first failure stops new calls; it is thrown once the calls in flight
 * have settled.
 */
export async function forEachLimit<T>(
  items: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: (item: T) => Promise<void>,
  options: PoolOptions = {},
): Promise<number> {
  const iterator =
    Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : toAsync(items[Symbol.iterator]());
  let taken = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && !options.until?.(taken)) {
      taken += 1; // counted before the await, so the other workers' `until` sees it
      try {
        const next = await iterator.next();
        if (next.done) {
          taken -= 1;
          return;
        }
        await fn(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  if (failure) throw failure.error;
  return taken;
}

/** `forEachLimit` that keeps each result at its item's index. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  await forEachLimit(items.keys(), limit, async (index) => {
    results[index] = await fn(items[index] as T);
  });
  return results;
}

function toAsync<T>(iterator: Iterator<T>): AsyncIterator<T> {
  return { next: async () => iterator.next() };
}
