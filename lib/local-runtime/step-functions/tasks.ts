import { randomUUID } from 'node:crypto';
import type { LambdaHost } from '../lambda-host.js';
import type { CallbackRegistry } from './callbacks.js';
import type { TaskSpec } from './definition.js';
import type { ExecutionDescription } from './executions.js';
import { lambdaTaskFailure, SfnApiError, StatesError, statesRuntimeError } from './errors.js';
import { delay, guard } from './timers.js';

type TaskHandler = (input: unknown) => Promise<unknown>;

export interface WaitOptions {
  /** Milliseconds to wait in the named Wait states instead of their real duration. */
  waitTimeOverrides?: Record<string, number>;
  /** Upper bound in milliseconds for every other Wait state. */
  maxWaitMs?: number;
}

/** What the task handlers of one execution share. */
export interface TaskScope {
  executionArn: string;
  /** Fires when the execution is stopped or has ended: pending tasks then end at once. */
  signal: AbortSignal;
  /** The task token minted for the Parameters just evaluated (see createTaskContext). */
  claimToken(): string | undefined;
}

/** How a `.sync:2` task starts, awaits and stops the child execution it runs. */
export interface ChildExecutions {
  startChild(request: { stateMachineArn: string; name?: string; input: string }, parentArn: string): string;
  ended(executionArn: string): Promise<ExecutionDescription>;
  /** The task ended first: stops a Standard child (an Express one runs on, as in AWS). */
  stopChild(executionArn: string): void;
}

export interface TaskDependencies {
  lambda: LambdaHost;
  children: ChildExecutions;
  callbacks: CallbackRegistry;
  waits: WaitOptions;
  timeoutError: () => Error;
}

/** Builds the library's task overrides (keyed by state name) for one execution. */
export function createTaskHandlers(tasks: Map<string, TaskSpec>, scope: TaskScope, deps: TaskDependencies): Record<string, TaskHandler> {
  return Object.fromEntries([...tasks].map(([stateName, spec]) => [stateName, taskHandler(stateName, spec, scope, deps)]));
}

function taskHandler(stateName: string, spec: TaskSpec, scope: TaskScope, deps: TaskDependencies): TaskHandler {
  const invoke = async (functionRef: string, payload: unknown) => {
    try {
      // Lambda returns JSON: undefined becomes null, dates become strings.
      return JSON.parse(JSON.stringify((await deps.lambda.invoke(functionRef, payload)) ?? null)) as unknown;
    } catch (error) {
      throw lambdaTaskFailure(error);
    }
  };
  const timed = <T>(work: Promise<T>, timeoutMs: number | undefined) => guard(work, timeoutMs, scope.signal, deps.timeoutError);

  switch (spec.kind) {
    case 'lambda':
      return (input) => timed(invoke(spec.functionRef, input), spec.timeoutMs);

    case 'lambda-invoke':
      return (input) => {
        const { FunctionName, Payload } = lambdaParameters(stateName, input);
        const invocation = invoke(FunctionName, Payload).then((result) => ({
          ExecutedVersion: '$LATEST',
          Payload: result,
          SdkHttpMetadata: { HttpHeaders: {}, HttpStatusCode: 200 },
          SdkResponseMetadata: { RequestId: randomUUID() },
          StatusCode: 200,
        }));
        return timed(invocation, spec.timeoutMs);
      };

    case 'callback':
      // Not async: the token must be claimed in the same synchronous stretch that minted it.
      return (input) => {
        const taskToken = scope.claimToken();
        if (!taskToken) {
          return Promise.reject(statesRuntimeError(`${stateName}: a .waitForTaskToken task must pass $$.Task.Token in its Parameters`));
        }
        const answer = deps.callbacks.wait(taskToken, scope.executionArn, stateName);
        const work = (async () => {
          const { FunctionName, Payload } = lambdaParameters(stateName, input);
          await invoke(FunctionName, Payload);
          return answer;
        })();
        return timed(work, spec.timeoutMs).finally(() => deps.callbacks.close(taskToken));
      };

    case 'start-execution-sync':
      return (input) => {
        const executionArn = startChild(stateName, input, scope.executionArn, deps.children);
        const stopChild = () => deps.children.stopChild(executionArn);
        scope.signal.addEventListener('abort', stopChild, { once: true });
        const work = deps.children.ended(executionArn).then((child) => {
          // AWS fails the parent task with States.TaskFailed, the child's description as the cause.
          if (child.status !== 'SUCCEEDED') throw new StatesError('States.TaskFailed', JSON.stringify(syncResult(child)));
          return syncResult(child);
        });
        return timed(work, spec.timeoutMs).finally(() => {
          scope.signal.removeEventListener('abort', stopChild);
          // Nothing happens to a child that has ended.
          stopChild();
        });
      };

    case 'wait':
      return async (input) => {
        const { input: stateInput, seconds, timestamp } = input as { input: unknown; seconds?: unknown; timestamp?: unknown };
        const override = deps.waits.waitTimeOverrides?.[stateName];
        // A wait beyond Node's longest timer is ended first by the task timer the library
        // keeps (MAX_TIMER_SECONDS): States.Timeout after ~24.8 days, never an early end.
        const real = Math.max(0, waitUntil(stateName, seconds, timestamp) - Date.now());
        await delay(override ?? Math.min(real, deps.waits.maxWaitMs ?? Infinity), scope.signal);
        return stateInput;
      };

    case 'unsupported':
      return () => Promise.reject(statesRuntimeError(`${stateName}: the local runtime cannot run Task resource ${spec.resource}`));
  }
}

function lambdaParameters(stateName: string, input: unknown): { FunctionName: string; Payload: unknown } {
  const { FunctionName, Payload } = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
  if (typeof FunctionName !== 'string') throw statesRuntimeError(`${stateName}: Parameters.FunctionName is missing`);
  return { FunctionName, Payload: Payload ?? {} };
}

/** Starts the child of a `.sync:2` task; SFN API errors become the task's `StepFunctions.<Name>Exception`. */
function startChild(stateName: string, input: unknown, parentArn: string, children: ChildExecutions): string {
  const { StateMachineArn, Input, Name } = (input ?? {}) as { StateMachineArn?: unknown; Input?: unknown; Name?: unknown };
  if (typeof StateMachineArn !== 'string') throw statesRuntimeError(`${stateName}: Parameters.StateMachineArn is missing`);
  const childInput = typeof Input === 'string' ? Input : JSON.stringify(Input ?? {});
  try {
    return children.startChild({ stateMachineArn: StateMachineArn, name: typeof Name === 'string' ? Name : undefined, input: childInput }, parentArn);
  } catch (error) {
    if (error instanceof SfnApiError) throw new StatesError(`StepFunctions.${error.type}Exception`, error.message);
    throw error;
  }
}

/** What `.sync:2` returns: DescribeExecution with Input and Output as JSON, dates in epoch milliseconds. */
function syncResult(child: ExecutionDescription) {
  const parse = (text: string | undefined) => (text === undefined ? undefined : (JSON.parse(text) as unknown));
  return {
    ExecutionArn: child.executionArn,
    StateMachineArn: child.stateMachineArn,
    Name: child.name,
    Status: child.status,
    StartDate: child.startDate.getTime(),
    StopDate: child.stopDate?.getTime(),
    Input: parse(child.input),
    InputDetails: { Included: true },
    Output: parse(child.output),
    OutputDetails: { Included: child.output !== undefined },
    Error: child.error,
    Cause: child.cause,
  };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant a Wait state waits for, checked like AWS checks it (States.Runtime otherwise). */
function waitUntil(stateName: string, seconds: unknown, timestamp: unknown): number {
  if (seconds !== undefined) {
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw statesRuntimeError(`${stateName}: Wait seconds must be a non-negative integer, got ${JSON.stringify(seconds)}`);
    }
    return Date.now() + seconds * 1000;
  }
  if (typeof timestamp !== 'string' || !RFC3339.test(timestamp)) {
    throw statesRuntimeError(`${stateName}: Wait timestamp must be an RFC 3339 timestamp, got ${JSON.stringify(timestamp)}`);
  }
  return Date.parse(timestamp);
}
