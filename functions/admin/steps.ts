import * as z from 'zod';
import type { DsrRequestRecord } from '../core/request/model.js';
import { HttpError } from '../shared/http/errors.js';
import { decideStep } from '../shared/decide-step.js';
import type { AdminPorts } from './ports.js';

export const retryBody = z.strictObject({ storeId: z.string().optional() }).optional();

/** Cancels a request waiting for its review: the workflow closes it without a reply. */
export async function cancel(ports: Pick<AdminPorts, 'repo' | 'callbacks'>, request: DsrRequestRecord, actor: string) {
  await decideStep(ports, { requestId: request.requestId, stepKey: 'review', decision: 'cancelled', actor });
}

/** Runs the failed stores again: all of them, or the one named. 409 when none waits. */
export async function retryStores(
  ports: Pick<AdminPorts, 'repo' | 'callbacks'>,
  request: DsrRequestRecord,
  body: z.infer<typeof retryBody>,
  actor: string,
) {
  const { requestId } = request;
  const failed = (await ports.repo.pendingSteps(requestId)).filter(
    (step) => step.step === 'store_failure' && (!body?.storeId || step.details?.storeId === body.storeId),
  );
  if (failed.length === 0) throw new HttpError(409, 'no_pending_step', 'No failed store is waiting for a retry.');
  for (const step of failed) await decideStep(ports, { requestId, stepKey: step.stepKey, decision: 'retry', actor });
}
