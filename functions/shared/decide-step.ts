import { HttpError } from './http/errors.js';
import type { PendingStep, RequestsRepo } from './ports/requests-repo.js';
import type { WorkflowCallbacks } from './ports/workflow-callbacks.js';

/** What deciding a step acts on: the step's record, and the execution waiting on it. */
export interface StepPorts {
  readonly repo: RequestsRepo;
  readonly callbacks: WorkflowCallbacks;
}

/** The 409 for a step that does not wait (any more): who decided it how, or that there is none. */
export function notPending(existing: PendingStep | undefined): HttpError {
  return existing
    ? new HttpError(409, 'already_decided', `This step was already decided (${existing.decision ?? existing.status}).`)
    : new HttpError(409, 'no_pending_step', 'The request is not waiting for this decision.');
}

/**
 * Decides a pending step exactly once and resumes the execution waiting on it. The
 * conditional resolve is the lock: a second click, or a second person, gets 409.
 */
export async function decideStep(
  { repo, callbacks }: StepPorts,
  options: {
    requestId: string;
    stepKey: string;
    decision: string;
    actor: string;
    details?: Record<string, unknown>;
    /** More for the resumed execution's state, next to the decision (ids and flags only). */
    output?: Record<string, unknown>;
    /** Runs once the step is won, before the audit event and the resume (records the decision). */
    onDecided?: () => Promise<void>;
  },
): Promise<void> {
  const step = await repo.resolveStep(options.requestId, options.stepKey, options.decision, options.actor);
  if (!step) throw notPending(await repo.findStep(options.requestId, options.stepKey));
  await options.onDecided?.();
  await repo.audit(options.requestId, {
    type: 'decision',
    actor: options.actor,
    details: { step: options.stepKey, decision: options.decision, ...options.details },
  });
  // No token yet means the workflow has not parked the step; it resumes itself on arrival.
  if (!step.taskToken) return;
  if (!(await callbacks.resume(step.taskToken, { ...options.output, decision: options.decision }))) {
    throw new HttpError(409, 'step_expired', 'The workflow no longer waits for this step.');
  }
}
