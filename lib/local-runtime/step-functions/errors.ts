import { describeError } from '../lambda-host.js';

/** An SFN API error, answered as AWS JSON `{ __type, message }` so SDK clients throw `type`. */
export class SfnApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * An error inside an execution. aws-local-stepfunctions matches Retry and Catch on `name`,
 * puts `message` in a Catch's `Cause`, and reads `isRetryable`/`isCatchable`.
 */
export class StatesError extends Error {
  readonly isRetryable: boolean;
  readonly isCatchable: boolean;

  constructor(name: string, cause: string, handling: { retryable: boolean; catchable: boolean } = { retryable: true, catchable: true }) {
    super(cause);
    this.name = name;
    this.isRetryable = handling.retryable;
    this.isCatchable = handling.catchable;
  }
}

/** Like AWS's States.Runtime: neither Retry nor Catch can handle it; the execution fails. */
export function statesRuntimeError(message: string): StatesError {
  return new StatesError('States.Runtime', message, { retryable: false, catchable: false });
}

/** Ends a task of a stopped execution without giving Retry or Catch a chance to run. */
export function executionAbortedError(): StatesError {
  return new StatesError('States.Aborted', 'The execution was stopped', { retryable: false, catchable: false });
}

/**
 * A Lambda error as a Step Functions task failure, the way AWS reports it: Error is the
 * error's name (custom classes set it), Cause the JSON of what the Node.js runtime reports.
 */
export function lambdaTaskFailure(error: unknown): StatesError {
  const payload = describeError(error);
  return new StatesError(payload.errorType, JSON.stringify(payload));
}
