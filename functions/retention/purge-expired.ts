import { expiredClosureBound, isRecordExpired } from '../core/retention/index.js';

/** What the purge needs of the requests table (DynamoRequestsRepo; an in-memory one in tests). */
export interface ClosedRecords {
  /** One page of closed requests whose `<closedAt>#<requestId>` sorts before `below`, oldest first. */
  closedBefore(
    below: string,
    limit: number,
    start?: Record<string, unknown>,
  ): Promise<{ closures: Array<{ closedAt: string; requestId: string }>; next?: Record<string, unknown> }>;
  /** Deletes the request's whole partition, the request item last; the number of items deleted. */
  purge(requestId: string): Promise<number>;
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

export interface PurgeRun {
  years: number;
  /** The instant expiry is judged by. */
  at: Date;
  pageSize: number;
  /** No new request is purged with less time left than this. */
  reserveMs: number;
  timeLeft: () => number;
}

/**
 * Purges, page by page of the retention index, every closed request whose record is past
 * retention at `run.at`, until none is left or the time budget is down to its reserve.
 * `result` is filled as it goes, so a run that fails half-way still says what it deleted.
 */
export async function purgeExpiredRecords(records: ClosedRecords, run: PurgeRun, result: RetentionPurgeResult): Promise<void> {
  // Closures after the bound cannot have expired; `$` sorts right after `#`.
  const below = `${expiredClosureBound(run.at, run.years)}$`;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await records.closedBefore(below, run.pageSize, start);
    for (const { closedAt, requestId } of page.closures) {
      if (!isRecordExpired(closedAt, run.years, run.at)) continue;
      if (run.timeLeft() < run.reserveMs) {
        result.complete = false;
        return;
      }
      result.itemsDeleted += await records.purge(requestId);
      result.requestsPurged += 1;
      result.requestIds.push(requestId);
    }
    start = page.next;
  } while (start);
}
