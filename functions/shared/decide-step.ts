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

/** What deciding a step records and hands the workflow. */
export interface StepDecisionOptions {
  requestId: string;
  stepKey: string;
  decision: string;
  actor: string;
  details?: Record<string, unknown>;
  /** More for the resumed execution's state, next to the decision (ids and flags only). */
  output?: Record<string, unknown>;
  /** Runs once the step is won, before the audit event and the resume (records the decision). */
  onDecided?: () => Promise<void>;
}

/**
 * Decides a pending step exactly once and resumes the execution waiting on it. The
 * conditional resolve is the lock: a second click, or a second person, gets 409. The same
 * decision again from a caller whose first try died after the resolve, before the
 * execution resumed, finishes that try instead, so no decision is lost.
 */
export async function decideStep({ repo, callbacks }: StepPorts, options: StepDecisionOptions): Promise<void> {
  const step = await repo.resolveStep(options.requestId, options.stepKey, options.decision, options.actor);
  if (!step) return repeatDecision({ repo, callbacks }, options);
  await recordDecision(repo, step, options);
  // No token yet means the workflow has not parked the step; it resumes itself on arrival.
  if (!step.taskToken) return;
  if (!(await callbacks.resume(step.taskToken, { ...options.output, decision: options.decision }))) {
    throw new HttpError(409, 'step_expired', 'The workflow no longer waits for this step.');
  }
}

/**
 * The decision's audit event, keyed by the step's resolution (its time, step and decision):
 * identical calls that both get here (one finishing the other's try while it still runs)
 * write it once, as the append-only put refuses the second.
 */
async function recordDecision(repo: RequestsRepo, step: PendingStep, options: StepDecisionOptions): Promise<void> {
  await options.onDecided?.();
  await repo.recordOnce(
    options.requestId,
    {
      type: 'decision',
      actor: options.actor,
      at: step.resolvedAt ?? new Date().toISOString(),
      details: { step: options.stepKey, decision: options.decision, ...options.details },
    },
    `decision#${options.stepKey}#${options.decision}`,
  );
}

/**
 * A step already decided so: the decision is recorded unless the first try got that far
 * (its audit event is the last thing it writes before the resume), and the execution
 * resumed. Step Functions refuses a token it was already resumed with (or that timed
 * out), so a refused resume means the first try's went through: 409 as for any second
 * click, and nothing changed.
 */
async function repeatDecision({ repo, callbacks }: StepPorts, options: StepDecisionOptions): Promise<void> {
  const step = await repo.findStep(options.requestId, options.stepKey);
  if (step?.status !== 'resolved' || step.decision !== options.decision) throw notPending(step);
  const trail = await repo.auditTrail(options.requestId);
  const recorded = trail.some((event) => event.type === 'decision' && event.details?.step === options.stepKey);
  if (!recorded) await recordDecision(repo, step, options);
  // No token yet: the workflow finds the decision when it parks the step.
  if (!step.taskToken) {
    if (recorded) throw notPending(step);
    return;
  }
  if (!(await callbacks.resume(step.taskToken, { ...options.output, decision: options.decision }))) throw notPending(step);
}
