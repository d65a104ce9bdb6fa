import { setMaxListeners } from 'node:events';
import { StoreUnavailableError } from './errors.js';

/** How much of an invocation's time is kept back for finishing the part and writing progress. */
export interface MarginSettings {
  minMarginMs: number;
  /** Share of the time the invocation started with. */
  marginFraction: number;
}

/** The part of a Lambda context a budget reads. */
export interface RemainingTime {
  getRemainingTimeInMillis?: () => number;
}

/** Tells a connector when to stop: checked between pages (and between object copies). */
export interface Budget {
  exhausted(): boolean;
  /**
   * Aborted once the invocation was given up (its early timeout answered for it): every
   * AWS call of the invocation takes it, and nothing is recorded after it fired, so a
   * stale run never writes beside the retry of its cursor.
   */
  readonly signal?: AbortSignal;
}

/** A context without a clock (some local callers) gets this much time. */
const FALLBACK_MS = 60_000;

/**
 * Abort listeners the signal may carry before Node warns of a leak (its default is 10): each
 * AWS call in flight adds one for its retries and one for its HTTP request, and a connector
 * runs up to 8 batches or copies at once, each retried.
 */
const SIGNAL_LISTENERS = 100;

export function budgetFrom(context: RemainingTime | undefined, margin: MarginSettings, signal?: AbortSignal): Budget {
  const deadline = Date.now() + FALLBACK_MS;
  const clock = context?.getRemainingTimeInMillis?.bind(context);
  const remaining = clock ?? (() => deadline - Date.now());
  const keep = Math.max(margin.minMarginMs, margin.marginFraction * remaining());
  if (signal) setMaxListeners(SIGNAL_LISTENERS, signal);
  return { exhausted: () => signal?.aborted === true || remaining() < keep, signal };
}

/** Called right before anything is recorded: a given-up invocation leaves that to its retry. */
export function throwIfGivenUp(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new StoreUnavailableError('The invocation was given up; the retry of its cursor records the part');
}
