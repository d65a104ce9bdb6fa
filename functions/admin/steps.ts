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
  const failed = (await ports.repo.pendingSteps(requestId)).filter((step) =>
    body?.storeId ? step.step === 'store_failure' && step.details?.storeId === body.storeId : isStepIn(FAILURE_STEPS, step.step),
  );
  if (failed.length === 0) throw new HttpError(409, 'no_pending_step', 'No failed store or step is waiting for a retry.');
  for (const step of failed) await decideStep(ports, { requestId, stepKey: step.stepKey, decision: 'retry', actor });
}
