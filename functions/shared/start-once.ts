import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from './aws-clients.js';

/**
 * Starts the execution of a request, named by its id, unless it exists: a repeated call
 * (a retried step, a repeat delivery) starts none twice. True when this call started it.
 */
export async function startOnce(stateMachineArn: string, requestId: string, input: object = { requestId }): Promise<boolean> {
  try {
    await sfnClient().send(new StartExecutionCommand({ stateMachineArn, name: requestId, input: JSON.stringify(input) }));
    return true;
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    return false;
  }
}
