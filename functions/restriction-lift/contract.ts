import { defineFunction } from '../shared/contract.js';
import { restrictContract } from '../workflow/restrict/contract.js';

/**
 * The "lift restrictions" state machine's function (lib/constructs/restriction-lift.ts):
 * releases a lifted restriction a page an invocation, where the Restrict step marked it.
 */
export const restrictionLiftContract = defineFunction({
  entry: 'restriction-lift',
  // The same places and page size as the step that marked the data.
  environment: restrictContract.environment,
});

/** The execution's input: the request, and where its run of the release starts ('' = the start). */
export interface RestrictionLiftStart {
  requestId: string;
  cursor: string;
}

/** Release the next page from `cursor`; after the retries, `failed` with the error's name: record it for the team. */
export interface RestrictionLiftEvent {
  requestId: string;
  cursor: string;
  failed?: { error: string };
}

/** What the state machine loops on: another invocation from `cursor` until `done`. */
export interface RestrictionLiftResult {
  cursor: string;
  done: boolean;
}
