import { ExecutionDoesNotExist, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { deleteWorkFiles } from '../../connectors/work-files.js';
import { sfnClient } from '../../shared/aws-clients.js';
import { requireEnv } from '../../shared/env.js';
import { executionArnOf } from '../../core/request/executions.js';
import type { ClosedStatus } from '../../core/request/model.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { workflowEnv } from '../../shared/workflow-env.js';

/** Records the outcome: final status, close time, and the audit event; releases any hold. */
export function createHandler(env: Record<string, string>) {
  const { repo } = workflowEnv(env);
  const watchArn = env.WATCH_STATE_MACHINE_ARN;
  const exportBucket = requireEnv(env, 'EXPORT_BUCKET');

  /** The request's deadline watch has nothing left to do; stop its timer now. */
  async function stopWatch(requestId: string) {
    if (!watchArn) return;
    const executionArn = executionArnOf(watchArn, requestId);
    try {
      await sfnClient().send(new StopExecutionCommand({ executionArn, cause: 'request closed' }));
    } catch (error) {
      if (!(error instanceof ExecutionDoesNotExist)) throw error;
    }
  }

  return stepHandler('close', async (event: { requestId: string; status: ClosedStatus }) => {
    const closedAt = new Date().toISOString();
    await repo.update(event.requestId, { status: event.status, closedAt }, ['pendingStep']);
    await repo.auditOnce(event.requestId, { type: 'closed', actor: 'workflow', details: { status: event.status } });
    await stopWatch(event.requestId);
    // Releases the hold: what was collected before the review (refused, cancelled) or is
    // left over goes; a completed request's package is in packages/, not here.
    const discarded = await deleteWorkFiles(exportBucket, event.requestId);
    if (discarded > 0) await repo.audit(event.requestId, { type: 'hold_released', actor: 'workflow', details: { files: discarded } });
  });
}

export const handler = lambdaEntry(createHandler);
