import type { StoreAction } from '../inventory/actions.js';
import type { OpenStatus, PendingStepName } from './model.js';

/** The status a request shows while one of its steps waits for a person. */
export const WAITING_STATUS = {
  verify_identity: 'awaiting_identity',
  triage: 'awaiting_triage',
  review: 'awaiting_review',
  store_failure: 'awaiting_store_retry',
  step_failure: 'awaiting_step_retry',
} as const satisfies Record<PendingStepName, OpenStatus>;

/**
 * The key of a waiting step: one per kind, one per store and action for a failed store, and
 * one per workflow state for a failed step.
 */
export function stepKeyOf(step: { step: PendingStepName; storeId?: string; action?: StoreAction; failedStep?: string }): string {
  if (step.step === 'store_failure') return `store_failure#${step.storeId}#${step.action}`;
  if (step.step === 'step_failure') return `step_failure#${step.failedStep}`;
  return step.step;
}
