/**
 * Runs `fn` over `items` with at most `limit` calls in flight, pulling items lazily so a
 * generator of a million writes never materialises. The first failure stops new calls;
 * it is thrown once the calls in flight have settled.
 */
export async function forEachLimit<T>(
  items: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const iterator =
    Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : toAsync(items[Symbol.iterator]());
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure) {
      try {
        const next = await iterator.next();
        if (next.done) return;
        await fn(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  if (failure) throw failure.error;
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
