import type { StoreDefinition } from '../core/inventory/index.js';
import type { Budget } from './budget.js';
import type { Position } from './cursor.js';

export type { StoreAction as Action } from '../core/inventory/actions.js';

/** One bounded piece of work on one store for one request. */
export interface Job {
  requestId: string;
  accountId: string;
  position: Position;
  budget: Budget;
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
