import type { StoreAction } from '../../core/inventory/actions.js';
import type { StorePlan } from '../../core/plan/plan.js';
import type { StepDecision } from '../../core/request/replies.js';
import type { PendingStepName } from '../../core/request/model.js';
import { defineFunction } from '../../shared/contract.js';
import { workflowSettings, type StepEvent } from '../contract.js';

export const awaitDecisionContract = defineFunction({
  entry: 'workflow/await-decision',
  environment: workflowSettings.pick({
    REQUESTS_TABLE: true,
    SENDER_EMAIL: true,
    PRIVACY_TEAM_EMAIL: true,
    CONSOLE_URL: true,
  }),
});

export interface AwaitDecisionEvent extends StepEvent {
  readonly taskToken: string;
  readonly step: PendingStepName;
  /** A failed store: which one, what it did, and the error name it failed with. */
  readonly storeId?: string;
  readonly action?: StoreAction;
  /** A failed workflow step: the state that failed (with `error`, the error name it failed with). */
  readonly failedStep?: string;
  readonly error?: string;
}

/** What the execution resumes with (the task's output), from this step, the admin API or the identity link. */
export interface AwaitDecisionResult {
  readonly decision?: StepDecision;
  /** An approved review: the stores of the rights it granted. */
  readonly plan?: StorePlan;
}
