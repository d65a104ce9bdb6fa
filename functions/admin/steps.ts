import * as z from 'zod';
import { FAILURE_STEPS, isStepIn, type DsrRequestRecord } from '../core/request/model.js';
import { HttpError } from '../shared/http/errors.js';
import { decideStep } from '../shared/decide-step.js';
import type { AdminPorts } from './ports.js';

export const retryBody = z.strictObject({ storeId: z.string().optional() }).optional();

/** Cancels a request waiting for its review: the workflow closes it without a reply. */
export async function cancel(ports: Pick<AdminPorts, 'repo' | 'callbacks'>, request: DsrRequestRecord, actor: string) {
  await decideStep(ports, { requestId: request.requestId, stepKey: 'review', decision: 'cancelled', actor });
}

/**
 * Runs what failed again: every failed store and failed workflow step, or only the store
 * named (a step runs again from where it failed). 409 when nothing waits for a retry.
 */
export async function retryFailures(
  ports: Pick<AdminPorts, 'repo' | 'callbacks'>,
  request: DsrRequestRecord,
  body: z.infer<typeof retryBody>,
  actor: string,
) {
  const { requestId } = request;
  const failures = (await ports.repo.steps(requestId)).filter((step) =>
    body?.storeId ? step.step === 'store_failure' && step.details?.storeId === body.storeId : isStepIn(FAILURE_STEPS, step.step),
  );
  let retried = 0;
  for (const step of failures) {
    const retry = () => decideStep(ports, { requestId, stepKey: step.stepKey, decision: 'retry', actor });
    if (step.status === 'pending') {
      await retry();
      retried += 1;
    } else if (step.decision === 'retry' && (await finished(retry))) {
      retried += 1;
    }
  }
  if (retried === 0) throw new HttpError(409, 'no_pending_step', 'No failed store or step is waiting for a retry.');
}

/**
 * A retry decided before: repeated, it resumes the workflow if the call that decided it died
 * before doing so (decideStep), and is refused with 409 when the workflow was resumed.
 */
async function finished(retry: () => Promise<void>): Promise<boolean> {
  try {
    await retry();
    return true;
  } catch (error) {
    if (error instanceof HttpError && error.status === 409) return false;
    throw error;
  }
}
