import type { StorePlan } from '../../core/plan/plan.js';
import { defineFunction, variable } from '../../shared/contract.js';
import { workflowSettings, type StepEvent } from '../contract.js';

export const resolveSubjectContract = defineFunction({
  entry: 'workflow/resolve-subject',
  environment: workflowSettings.pick({ REQUESTS_TABLE: true }).extend({
    /** Kiara's account store, queried by email through its indexes. */
    ACCOUNT_TABLE: variable.text(),
  }),
});

export type ResolveSubjectEvent = StepEvent;

/** Flags and store positions only: the account id stays in the request item. */
export interface ResolveSubjectResult {
  readonly found: boolean;
  readonly plan: StorePlan;
}
