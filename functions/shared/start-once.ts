import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from './aws-clients.js';

/**
 * Starts the execution of a request, named by its id (or by `name`, for one of several
 * per request), unless it exists: a repeated call (a retried step, a repeat delivery)
 * starts none twice.
 */
export async function startOnce(stateMachineArn: string, requestId: string, input: object = { requestId }, name = requestId): Promise<void> {
  try {
    await sfnClient().send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}
