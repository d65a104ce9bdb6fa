/**
 * Errors a connector raises with stable names: the state machine's Retry and Catch match
 * on `name`, so these names are part of the contract with the workflow.
 */

/** The request has no resolved Kiara account, so there is nothing a store can look up. */
export class SubjectNotResolvedError extends Error {
  override name = 'SubjectNotResolvedError';
}

/** A store or the export bucket failed in a way that a later retry may not. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** The cursor passed back by the state machine is not one this connector wrote. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

import { isTransient } from '../shared/aws-errors.js';

export { isTransient };

/** Renames transient failures to `StoreUnavailableError` (original kept as `cause`); others pass through. */
export function classify(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isTransient(error)) return error;
  const original = error as Error;
  return new StoreUnavailableError(`${original.name}: ${original.message}`, { cause: error });
}
