import type { StoreDefinition } from '../core/inventory/index.js';
import type { Budget } from './budget.js';
import type { Position, SortKey } from './cursor.js';

export type { StoreAction as Action } from '../core/inventory/actions.js';

/**
 * An erase's count for its part, kept in the part's record and written ahead of each page's
 * deletes, so that what a given-up run deleted stays counted once (see `PartClaim`).
 */
export interface EraseLedger {
  /** Items (bytes) counted for the part so far, by this invocation and the given-up runs before it. */
  readonly items: number;
  readonly bytes: number;
  /**
   * Records a page, its keys in store order (and each object's size, for an object store),
   * before any of it is deleted; counts only the keys past those counted already.
   */
  recordPage(keys: readonly SortKey[], sizes?: readonly number[]): Promise<void>;
}

/** One bounded piece of work on one store for one request. */
export interface Job {
  requestId: string;
  accountId: string;
  position: Position;
  budget: Budget;
  /** This invocation's id: it names the export part, so that a given-up run's late upload never lands on the retry's. */
  invocation: string;
  ledger: EraseLedger;
}

/** What one invocation did: counts and keys only, never item content. */
export interface StepOutcome {
  /** Items exported (collect) or deleted (erase). */
  items: number;
  /** Bytes exported (JSON Lines, or the copied objects' sizes) or objects' bytes deleted. */
  bytes: number;
  /** Erase under a `retain` rule: items kept, and the last day the newest of them must be kept. */
  retained?: number;
  retainedUntil?: string;
  /** Collect: the JSON Lines part written (absent when the invocation found nothing). */
  exportKey?: string;
  /** Collect: top-level attribute names seen in this part. */
  columns?: string[];
  done: boolean;
  /** Where the next invocation resumes when not done. */
  after?: Position['after'];
}

/** Reads and erases one person's data in one store, in bounded steps. */
export interface Connector {
  readonly store: StoreDefinition;
  collect(job: Job): Promise<StepOutcome>;
  erase(job: Job): Promise<StepOutcome>;
}
