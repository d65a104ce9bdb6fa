import type { Context } from 'aws-lambda';
import { DeleteCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { batchWrite } from '../connectors/batch-write.js';
import { expiredClosureBound, isRecordExpired, isValidRetentionYears } from '../core/retention/index.js';
import { closedIndex, requestKeys } from '../core/request/keys.js';
import { documentClient } from '../shared/aws-clients.js';
import { requireEnv } from '../shared/env.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { logger } from '../shared/logger.js';
import { countMetric } from '../shared/metrics.js';
import { DSR_METRICS } from '../shared/metrics-names.js';

export interface RetentionPurgeOptions {
  /** The clock the purge judges expiry by (tests: years ahead). Default: the system clock. */
  now?: () => Date;
  /** Closed requests read from the retention index per page. Default 25. */
  pageSize?: number;
  /** Time kept in reserve: no new request is purged with less left. Default 15 s. */
  reserveMs?: number;
}

export interface RetentionPurgeResult {
  retentionYears: number;
  requestsPurged: number;
  itemsDeleted: number;
  /** Request ids only (never a person's data). */
  requestIds: string[];
  /** False when the time budget ended the run first; the next run goes on. */
  complete: boolean;
}

type Key = { pk: string; sk: string };

/** `RECORD_RETENTION_YEARS`: whole years, at least 1 (the stack validates it too). */
export function retentionYears(env: Record<string, string | undefined>): number {
  const years = Number(requireEnv(env, 'RECORD_RETENTION_YEARS'));
  if (!isValidRetentionYears(years)) throw new Error('RECORD_RETENTION_YEARS must be a whole number of years, at least 1');
  return years;
}

/**
 * The daily retention purge (gdpr-rules.md §6): finds closed requests whose record is past
 * retention on the retention index (closed requests by closure time, up to the latest
 * closure that can have expired), and deletes every item of each one's partition —
 * request, steps, audit events, mail markers, progress — and nothing else. The request
 * item goes last, so a purge cut short is found again by the next run. Stops before its
 * time budget ends; what is left waits for the next run.
 */
export function createHandler(env: Record<string, string>, options: RetentionPurgeOptions = {}) {
  const table = requireEnv(env, 'REQUESTS_TABLE');
  const years = retentionYears(env);
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 25;
  const reserveMs = options.reserveMs ?? 15_000;
  const db = documentClient();

  /** Deletes the request's whole partition, the request item last; returns the count. */
  async function purge(requestId: string): Promise<number> {
    const pk = requestKeys.pk(requestId);
    let deleted = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: start,
        }),
      );
      const keys = ((page.Items ?? []) as Key[]).filter((key) => key.sk !== requestKeys.meta);
      // The connectors' batch writer: batches of 25, unprocessed items retried with backoff.
      await batchWrite(table, keys.map((Key) => ({ DeleteRequest: { Key } })), { concurrency: 4 });
      deleted += keys.length;
      start = page.LastEvaluatedKey;
    } while (start);
    await db.send(new DeleteCommand({ TableName: table, Key: { pk, sk: requestKeys.meta } }));
    return deleted + 1;
  }

  return async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<RetentionPurgeResult> => {
    const at = now();
    // Closures after the bound cannot have expired; `$` sorts right after `#`.
    const below = `${expiredClosureBound(at, years)}$`;
    const timeLeft = () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY;
    const result: RetentionPurgeResult = { retentionYears: years, requestsPurged: 0, itemsDeleted: 0, requestIds: [], complete: true };
    let start: Record<string, unknown> | undefined;
    try {
      scan: do {
        const page: QueryCommandOutput = await db.send(
          new QueryCommand({
            TableName: table,
            IndexName: closedIndex.name,
            KeyConditionExpression: 'closedPk = :closed AND closedSk < :below',
            ExpressionAttributeValues: { ':closed': closedIndex.partition, ':below': below },
            Limit: pageSize,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          const closedSk = String(item.closedSk);
          const closedAt = closedSk.slice(0, closedSk.indexOf('#'));
          const requestId = closedSk.slice(closedSk.indexOf('#') + 1);
          if (!isRecordExpired(closedAt, years, at)) continue;
          if (timeLeft() < reserveMs) {
            result.complete = false;
            break scan;
          }
          result.itemsDeleted += await purge(requestId);
          result.requestsPurged += 1;
          result.requestIds.push(requestId);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    } finally {
      // One anonymous summary line: counts and request ids, nothing about a person.
      logger.info('retention purge', { ...result });
      countMetric(DSR_METRICS.recordsPurged, {}, result.requestsPurged);
    }
    return result;
  };
}

export const handler = lambdaEntry(createHandler);
