import { ExecutionDoesNotExist, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { deleteWorkFiles } from '../../connectors/work-files.js';
import { sfnClient } from '../../shared/aws-clients.js';
import { executionArnOf } from '../../core/request/executions.js';
import { readEnvironment } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { receivedMail } from '../../shared/received-mail.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { closeContract, type CloseEvent } from './contract.js';

/**
 * Records the outcome: final status, close time, and the audit event; releases any hold.
 * An erasure request that found no data (no account, no earlier request) has its received
 * mail deleted here, as ErasePackages does after an erasure: the reply says Kiara keeps
 * only the record of the request.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(closeContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);
  const mail = receivedMail({ table: config.REQUESTS_TABLE, bucket: config.INBOUND_MAIL_BUCKET, prefix: config.INBOUND_MAIL_PREFIX });

  /** The request's deadline watch has nothing left to do; stop its timer now. */
  async function stopWatch(requestId: string) {
    const executionArn = executionArnOf(config.WATCH_STATE_MACHINE_ARN, requestId);
    try {
      await sfnClient().send(new StopExecutionCommand({ executionArn, cause: 'request closed' }));
    } catch (error) {
      if (!(error instanceof ExecutionDoesNotExist)) throw error;
    }
  }

  return stepHandler('close', async (event: CloseEvent) => {
    const closedAt = new Date().toISOString();
    await repo.update(event.requestId, { status: event.status, closedAt }, ['pendingStep']);
    await repo.auditOnce(event.requestId, { type: 'closed', actor: 'workflow', details: { status: event.status } });
    await stopWatch(event.requestId);
    // Releases the hold: what was collected before the review (refused, cancelled) or is
    // left over goes; a completed request's package is in packages/, not here.
    const discarded = await deleteWorkFiles(config.EXPORT_BUCKET, event.requestId);
    if (discarded > 0) await repo.audit(event.requestId, { type: 'hold_released', actor: 'workflow', details: { files: discarded } });
    if (event.status === 'completed_no_data') {
      const request = await repo.get(event.requestId);
      const objects = request.types.includes('erasure') ? await mail.erase(request, event.requestId) : 0;
      if (objects > 0) {
        await repo.auditOnce(event.requestId, { type: 'received_mail_erased', actor: 'workflow', details: { requestIds: [event.requestId], objects } });
      }
    }
  });
}

export const handler = lambdaEntry(createHandler);
