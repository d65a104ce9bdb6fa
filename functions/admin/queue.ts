import * as z from 'zod';
import { RIGHTS } from '../core/inventory/types.js';
import { listIndex } from '../core/request/keys.js';
import { CLOSED_STATUSES, PENDING_STEPS, type ClosedStatus, type DsrRequestRecord } from '../core/request/model.js';
import { HttpError } from '../shared/http/errors.js';
import { invalidInput, validationFailed } from '../shared/http/validation.js';
import { listCursor } from '../shared/list-cursor.js';
import type { RequestsPage, Summary } from './api-types.js';
import { summaryView } from './views.js';

/** How many index items one queue call reads at most before it returns what it has. */
export const MAX_SCANNED_PER_CALL = 1000;

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/**
 * The queue's query string. `status`: `open` (the default), `closed`, or one closed
 * status (`duplicate`: the requests that repeated an open one). `overdue` and `dueWithinDays` count Amsterdam days to the
 * deadline that applies now (the extended one once extended), as `daysLeft` does;
 * `dueWithinDays=N` includes overdue requests (everything due by N days from today).
 */
const queueQuery = z.object({
  status: z.string().optional(),
  type: z.enum(RIGHTS).optional(),
  pendingStep: z.enum(PENDING_STEPS).optional(),
  overdue: flag.optional(),
  dueWithinDays: z.coerce.number().int().min(0).max(400).optional(),
  sort: z.enum(['due']).optional(),
  limit: z.string().optional(),
  cursor: z.string().optional(),
});

export interface QueueFilters {
  open: boolean;
  /** Of the closed requests, only those closed so (`status=duplicate`, for one). */
  closedAs?: ClosedStatus;
  type?: (typeof RIGHTS)[number];
  pendingStep?: (typeof PENDING_STEPS)[number];
  overdue?: boolean;
  dueWithinDays?: number;
  limit: number;
  cursor?: string;
}

/** Reads and checks the queue's query string; 400 `validation_failed` on a bad filter. */
export function parseQueueQuery(query: Record<string, string | undefined>): QueueFilters {
  const result = queueQuery.safeParse(query);
  if (!result.success) throw invalidInput(result.error, 'The queue filters are invalid.');
  const q = result.data;
  const closedAs = CLOSED_STATUSES.find((status) => status === q.status);
  const open = q.status !== 'closed' && !closedAs;
  if (!open && (q.overdue !== undefined || q.dueWithinDays !== undefined)) {
    throw validationFailed(
      [{ path: q.overdue !== undefined ? 'overdue' : 'dueWithinDays', code: 'open_only', message: 'Only with status=open.' }],
      'Deadline filters apply to open requests only.',
    );
  }
  return {
    open,
    closedAs,
    type: q.type,
    pendingStep: q.pendingStep,
    overdue: q.overdue,
    dueWithinDays: q.dueWithinDays,
    limit: Math.min(Math.max(Number(q.limit ?? 50) || 50, 1), 200),
    cursor: checkedCursor(q.cursor, open),
  };
}

/**
 * A cursor this queue returned for the same status (open or closed), else 400
 * `invalid_cursor`: a made-up or mangled one never reaches DynamoDB.
 */
function checkedCursor(cursor: string | undefined, open: boolean): string | undefined {
  if (cursor === undefined) return undefined;
  const position = listCursor.safeDecode(cursor);
  if (!position.success || position.data.listPk !== listIndex.partition(open)) {
    throw new HttpError(400, 'invalid_cursor', 'The cursor is not one this queue returned for this status; start again without it.');
  }
  return cursor;
}

/** Whether a request passes the filters (the status partition is chosen by the index). */
export function matches(item: Summary, filters: QueueFilters): boolean {
  if (filters.closedAs && item.status !== filters.closedAs) return false;
  if (filters.type && !item.types.includes(filters.type)) return false;
  if (filters.pendingStep && item.pendingStep !== filters.pendingStep) return false;
  if (filters.overdue !== undefined) {
    if (item.daysLeft === null || (item.daysLeft < 0) !== filters.overdue) return false;
  }
  if (filters.dueWithinDays !== undefined && (item.daysLeft === null || item.daysLeft > filters.dueWithinDays)) return false;
  return true;
}

/**
 * True once no later item of the open queue can pass the deadline filters: the index is
 * sorted by due date, so after the first request due beyond the window, none follows.
 */
function pastDeadlineWindow(item: Summary, filters: QueueFilters): boolean {
  if (item.daysLeft === null) return false;
  if (filters.overdue === true && item.daysLeft >= 0) return true;
  return filters.dueWithinDays !== undefined && item.daysLeft > filters.dueWithinDays;
}

export type ListPage = (open: boolean, limit: number, cursor?: string) => Promise<{
  items: DsrRequestRecord[];
  cursor?: string;
}>;

/**
 * One page of the queue, by due date (the index order), filtered. Each read asks the
 * index for no more than the items still missing, so the returned cursor never skips a
 * match; a call stops after MAX_SCANNED_PER_CALL items and returns a cursor to go on.
 */
export async function queuePage(list: ListPage, filters: QueueFilters, now = new Date()): Promise<RequestsPage> {
  const items: Summary[] = [];
  let cursor = filters.cursor;
  let scanned = 0;
  for (;;) {
    const page = await list(filters.open, filters.limit - items.length, cursor);
    cursor = page.cursor;
    let ended = false;
    for (const record of page.items) {
      const item = summaryView(record, now);
      if (pastDeadlineWindow(item, filters)) {
        ended = true;
        break;
      }
      if (matches(item, filters)) items.push(item);
    }
    scanned += page.items.length;
    if (ended) return { items, cursor: null };
    if (!cursor || items.length >= filters.limit || scanned >= MAX_SCANNED_PER_CALL) {
      return { items, cursor: cursor ?? null };
    }
  }
}
