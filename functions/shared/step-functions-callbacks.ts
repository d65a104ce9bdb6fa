import { InvalidToken, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import { sfnClient } from './aws-clients.js';
import type { WorkflowCallbacks } from './ports/workflow-callbacks.js';

/** WorkflowCallbacks on Step Functions: SendTaskSuccess, and false for a task that no longer waits. */
export const stepFunctionsCallbacks: WorkflowCallbacks = {
  async resume(taskToken, output) {
    try {
      await sfnClient().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
      return true;
    } catch (error) {
      if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken) return false;
      throw error;
    }
  },
};
