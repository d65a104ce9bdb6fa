import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DsrRequestRecord } from '../core/request/model.js';
import { watchStart } from '../core/watch/watch.js';
import { sfnClient } from './aws-clients.js';

/**
 * Starts the execution of a request, named by its id (or by `name`, for one of several
 * per request), unless it exists: a repeated call (a retried step, a repeat delivery)
 * starts none twice. True when this call started it.
 */
export async function startOnce(stateMachineArn: string, requestId: string, input: object = { requestId }, name = requestId): Promise<boolean> {
  try {
    await sfnClient().send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return true;
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    return false;
  }
}

/** The settings `startWatch` reads (functions/workflow/contract.ts, watchStartSettings). */
export interface WatchStartConfig {
  WATCH_STATE_MACHINE_ARN: string;
  REMINDER_DAYS_BEFORE: number[];
}

/** Starts the request's deadline watch once, in its Wait for the first point; a closed request has none to watch. */
export async function startWatch(config: WatchStartConfig, request: DsrRequestRecord): Promise<void> {
  const input = watchStart(request, { reminderDaysBefore: config.REMINDER_DAYS_BEFORE });
  if (input) await startOnce(config.WATCH_STATE_MACHINE_ARN, request.requestId, input);
}
