import type { ClosedStatus } from '../../core/request/model.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { workflowEnv } from '../../shared/workflow-env.js';

/** Records the outcome: final status, close time, and the audit event. */
export function createHandler(env: Record<string, string>) {
  const { repo } = workflowEnv(env);
  return stepHandler('close', async (event: { requestId: string; status: ClosedStatus }) => {
    const closedAt = new Date().toISOString();
    await repo.update(event.requestId, { status: event.status, closedAt }, ['pendingStep']);
    await repo.audit(event.requestId, { type: 'closed', actor: 'workflow', details: { status: event.status } });
  });
}

export const handler = lambdaEntry(createHandler);
