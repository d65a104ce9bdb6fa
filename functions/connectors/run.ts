import { throwIfGivenUp, type Budget } from './budget.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { PartClaim } from './part-claim.js';
import type { ProgressItem } from './progress.js';
import type { Action, Connector } from './types.js';

export interface StepRequest {
  requestsTable: string;
  requestId: string;
  accountId: string;
  action: Action;
  cursor?: string | null;
  budget: Budget;
  /** The invocation's id (the Lambda request id): it claims the part and names its export. */
  invocation: string;
}

/** What goes back to the state machine: counts only, no personal data. */
export interface StepResult {
  storeId: string;
  action: Action;
  done: boolean;
  /** Pass back unchanged to continue; null when the store is done. */
  cursor: string | null;
  /** Items of the part: exported, deleted (also by a given-up run before this one) or (retain) kept. */
  items: number;
}

/**
 * One invocation: resume at the cursor, claim the part, do a budget's worth of work, record
 * it, say where to go on. A cursor whose part is already recorded (the state machine retried
 * after the answer was lost) replays the record instead of working again: a repeated erase
 * would otherwise go on past the deleted range, and its count would replace the real one.
 */
export async function runStep(
  connector: Connector,
  request: StepRequest,
): Promise<StepResult & { part: number; bytes: number; replayed: boolean }> {
  const position = decodeCursor(request.cursor);
  const part = { storeId: connector.store.id, action: request.action, part: position.part };
  const { signal } = request.budget;
  const claim = await PartClaim.take(request.requestsTable, request.requestId, part, request.invocation, signal);
  const replayed = !(claim instanceof PartClaim);
  let progress: ProgressItem;
  if (claim instanceof PartClaim) {
    const outcome = await connector[request.action]({
      requestId: request.requestId,
      accountId: request.accountId,
      position,
      budget: request.budget,
      invocation: request.invocation,
      ledger: claim,
    });
    progress = { ...part, ...outcome, at: new Date().toISOString() };
    throwIfGivenUp(signal);
    await claim.record(progress);
  } else {
    progress = claim;
  }
  return {
    storeId: connector.store.id,
    action: request.action,
    done: progress.done,
    cursor: progress.done ? null : encodeCursor({ part: position.part + 1, after: progress.after }),
    items: progress.items + (progress.retained ?? 0),
    part: position.part,
    bytes: progress.bytes,
    replayed,
  };
}
