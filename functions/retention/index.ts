import type { Context } from 'aws-lambda';
import { isValidRetentionYears } from '../core/retention/index.js';
import { readEnvironment } from '../shared/contract.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { logger } from '../shared/logger.js';
import { countMetric } from '../shared/metrics.js';
import { DSR_METRICS } from '../shared/metrics-names.js';
import { DynamoRequestsRepo } from '../shared/requests-repo.js';
import { retentionContract } from './contract.js';
import { purgeExpiredRecords, type RetentionPurgeResult } from './purge-expired.js';

export interface RetentionPurgeOptions {
  /** The clock the purge judges expiry by (tests: years ahead). Default: the system clock. */
  now?: () => Date;
  /** Closed requests read from the retention index per page. Default 25. */
  pageSize?: number;
  /** Time kept in reserve: no new request is purged with less left. Default 15 s. */
  reserveMs?: number;
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
  const config = readEnvironment(retentionContract, env);
  const years = config.RECORD_RETENTION_YEARS;
  // The stack validates it too; a wrong number here would delete records too early.
  if (!isValidRetentionYears(years)) throw new Error('RECORD_RETENTION_YEARS must be a whole number of years, at least 1');
  const requests = new DynamoRequestsRepo(config.REQUESTS_TABLE);
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 25;
  const reserveMs = options.reserveMs ?? 15_000;

  return async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<RetentionPurgeResult> => {
    const result: RetentionPurgeResult = { retentionYears: years, requestsPurged: 0, itemsDeleted: 0, requestIds: [], complete: true };
    try {
      const timeLeft = () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY;
      await purgeExpiredRecords(requests, { years, at: now(), pageSize, reserveMs, timeLeft }, result);
    } finally {
      // One anonymous summary line: counts and request ids, nothing about a person.
      logger.info('retention purge', { ...result });
      countMetric(DSR_METRICS.recordsPurged, {}, result.requestsPurged);
    }
    return result;
  };
}

export const handler = lambdaEntry(createHandler);
