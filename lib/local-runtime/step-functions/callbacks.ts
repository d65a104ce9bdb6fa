import { randomBytes } from 'node:crypto';
import { SfnApiError, StatesError } from './errors.js';

/** Opaque like AWS's tokens (which start with "AQ"); the shape lets malformed ones be told apart. */
const TOKEN_PATTERN = /^AQ[A-Za-z0-9_-]{128}$/;

interface OpenCallback {
  executionArn: string;
  stateName: string;
  settle: { resolve(output: unknown): void; reject(error: Error): void };
}

export interface PendingCallback {
  taskToken: string;
  executionArn: string;
  stateName: string;
}

/**
 * Task tokens of `.waitForTaskToken` states. A token opens when its task starts waiting
 * and closes when the task ends for any reason (success, failure, timeout, stop); the
 * SFN API then answers as AWS does: a malformed token is InvalidToken, a closed one
 * TaskTimedOut ("Provided task does not exist anymore"), one never opened TaskDoesNotExist.
 */
export class CallbackRegistry {
  private readonly open = new Map<string, OpenCallback>();
  private readonly closed = new Set<string>();

  mint(): string {
    return `AQ${randomBytes(96).toString('base64url')}`;
  }

  /** Opens `token`; the promise settles on SendTaskSuccess (parsed output) or SendTaskFailure. */
  wait(taskToken: string, executionArn: string, stateName: string): Promise<unknown> {
    const result = new Promise<unknown>((resolve, reject) => {
      this.open.set(taskToken, { executionArn, stateName, settle: { resolve, reject } });
    });
    // The answer may come while the task's Lambda still runs, before anyone awaits it.
    result.catch(() => {});
    return result;
  }

  close(taskToken: string): void {
    if (this.open.delete(taskToken)) this.closed.add(taskToken);
  }

  pending(executionArn?: string): PendingCallback[] {
    return [...this.open]
      .filter(([, callback]) => !executionArn || callback.executionArn === executionArn)
      .map(([taskToken, { executionArn: arn, stateName }]) => ({ taskToken, executionArn: arn, stateName }));
  }

  succeed(taskToken: string, output: string): void {
    const callback = this.lookup(taskToken);
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new SfnApiError('InvalidOutput', 'Invalid Output: the output is not valid JSON');
    }
    callback.settle.resolve(parsed);
    this.close(taskToken);
  }

  /** AWS leaves Error empty when SendTaskFailure names none; Catch on States.ALL still matches. */
  fail(taskToken: string, error = '', cause = ''): void {
    this.lookup(taskToken).settle.reject(new StatesError(error, cause));
    this.close(taskToken);
  }

  heartbeat(taskToken: string): void {
    this.lookup(taskToken);
  }

  private lookup(taskToken: string): OpenCallback {
    if (!TOKEN_PATTERN.test(taskToken)) throw new SfnApiError('InvalidToken', "Invalid Token: 'Invalid token'");
    const callback = this.open.get(taskToken);
    if (callback) return callback;
    if (this.closed.has(taskToken)) throw new SfnApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    throw new SfnApiError('TaskDoesNotExist', 'Task does not exist');
  }
}

/**
 * The `Task` member of an execution's context object. aws-local-stepfunctions copies the
 * context object's members when a run starts but keeps this object by reference, so the
 * `Token` getter runs each time a Parameters block reads `$$.Task.Token`. Parameters are
 * evaluated and the task override called in one synchronous stretch, so the token minted
 * there is the one the override claims next; it is forgotten after that stretch.
 */
export function createTaskContext(mint: () => string): { task: { readonly Token: string }; claim(): string | undefined } {
  let minted: string | undefined;
  return {
    task: {
      get Token() {
        if (minted === undefined) {
          minted = mint();
          queueMicrotask(() => (minted = undefined));
        }
        return minted;
      },
    },
    claim() {
      const token = minted;
      minted = undefined;
      return token;
    },
  };
}
