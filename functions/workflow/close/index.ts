import { ExecutionDoesNotExist, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../../shared/aws-clients.js';
import { executionArnOf } from '../../core/request/executions.js';
import type { ClosedStatus } from '../../core/request/model.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { workflowEnv } from '../../shared/workflow-env.js';

/** Records the outcome: final status, close time, and the audit event. */
export function createHandler(env: Record<string, string>) {
  const { repo } = workflowEnv(env);
  const watchArn = env.WATCH_STATE_MACHINE_ARN;

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
    await repo.audit(event.requestId, { type: 'closed', actor: 'workflow', details: { status: event.status } });
    await stopWatch(event.requestId);
  });
}

export const handler = lambdaEntry(createHandler);
