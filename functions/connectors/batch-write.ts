import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand, type BatchWriteCommandInput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../shared/aws-clients.js';
import { StoreUnavailableError } from './errors.js';
import { forEachLimit } from './pool.js';

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** BatchWriteItem's limit. */
const BATCH_SIZE = 25;

export interface BatchWriteOptions {
  /** Batches in flight. */
  concurrency: number;
  /** Calls per batch before unprocessed items count as a failure. Default 8 (~7 s of backoff). */
  maxAttempts?: number;
  client?: DynamoDBDocumentClient;
  /** Cancels the backoff and the calls in flight: the invocation was given up. */
  signal?: AbortSignal;
}

/**
 * Writes (puts or deletes) in batches of 25 with `concurrency` batches in flight. Items
 * DynamoDB leaves unprocessed under load are retried with full-jitter backoff, because the
 * SDK retries failed calls but not the partly processed ones. Returns the number written.
 */
export async function batchWrite(
  table: string,
  requests: Iterable<WriteRequest> | AsyncIterable<WriteRequest>,
  options: BatchWriteOptions,
): Promise<number> {
  const db = options.client ?? documentClient();
  const maxAttempts = options.maxAttempts ?? 8;
  let written = 0;
  await forEachLimit(chunks(requests, BATCH_SIZE), options.concurrency, async (batch) => {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts) {
        throw new StoreUnavailableError(`${pending.length} writes still unprocessed after ${maxAttempts} attempts`);
      }
      if (attempt > 1) await sleep(Math.random() * Math.min(2_000, 50 * 2 ** attempt), undefined, { signal: options.signal });
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }), {
        abortSignal: options.signal,
      });
      pending = UnprocessedItems?.[table] ?? [];
    }
    written += batch.length;
  });
  return written;
}

/** Groups a (possibly async) sequence into arrays of `size`. */
export async function* chunks<T>(items: Iterable<T> | AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
