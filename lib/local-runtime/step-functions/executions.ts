import './polyfill.js';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import type { LambdaHost } from '../lambda-host.js';
import type { Naming } from '../naming.js';
import { CallbackRegistry, createTaskContext, type PendingCallback } from './callbacks.js';
import { SfnApiError } from './errors.js';
import { toHistory, type EventLog, type HistoryEvent } from './history.js';
import type { LocalStateMachine } from './state-machines.js';
import { createTaskHandlers, type ChildExecutions, type WaitOptions } from './tasks.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** DescribeExecution's answer. */
export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** An Express execution as its CloudWatch log would show it (AWS keeps no history of them). */
export interface ExpressExecutionRecord extends ExecutionDescription {
  startedBy?: string;
}

export type ExecutionListItem = Pick<ExecutionDescription, 'executionArn' | 'stateMachineArn' | 'name' | 'status' | 'startDate' | 'stopDate'>;

interface Execution extends ExecutionDescription {
  machine: LocalStateMachine;
  /** The execution whose `.sync` task started this one. */
  startedBy?: string;
  events: EventLog[];
  abort(): void;
  /** Settles once the execution has ended and its record is final. */
  done: Promise<void>;
}

export interface StepFunctionsOptions extends WaitOptions {
  /** Milliseconds between retries, by state name (the library's retryIntervalOverrides). */
  retryIntervalOverrides?: Record<string, number | number[]>;
  log: (line: string) => void;
}

interface Page {
  maxResults?: number;
  nextToken?: string;
}

const NAME_PATTERN = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

/**
 * The executions of the template's state machines, run by aws-local-stepfunctions in this
 * process, with the semantics of the SFN API: Standard executions are named uniquely and
 * keep a history; Express ones (at most 5 minutes) get an `express:` ARN, allow repeated
 * names, and, as in AWS, are not listed, described, stopped or given a history by the API.
 */
export class LocalStepFunctions implements ChildExecutions {
  readonly callbacks = new CallbackRegistry();
  private readonly executions = new Map<string, Execution>();
  private stopped = false;

  constructor(
    readonly machines: readonly LocalStateMachine[],
    private readonly naming: Naming,
    private readonly lambda: LambdaHost,
    private readonly timeoutError: () => Error,
    private readonly options: StepFunctionsOptions,
  ) {}

  /** The ARN of a state machine given by logical id, local name or ARN. */
  stateMachineArn(ref: string): string {
    const machine = this.machines.find((m) => m.arn === ref || m.name === ref || m.logicalId === ref);
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${ref}'`);
    return machine.arn;
  }

  startExecution(request: { stateMachineArn: string; name?: string; input?: string }, startedBy?: string): { executionArn: string; startDate: Date } {
    const machine = this.machine(request.stateMachineArn);
    // Handlers still finishing while the runtime stops must not start what nobody ends.
    if (this.stopped) throw new SfnApiError('ServiceUnavailable', 'The local runtime is stopping');
    const name = request.name ?? randomUUID();
    if (!NAME_PATTERN.test(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
    const input = request.input ?? '{}';
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(input);
    } catch {
      throw new SfnApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not valid JSON');
    }
    const express = machine.type === 'EXPRESS';
    const executionArn = express ? this.naming.expressExecutionArn(machine.name, name, randomUUID()) : this.naming.executionArn(machine.name, name);
    const existing = this.executions.get(executionArn);
    if (existing) {
      // Standard workflows: a retried start of the same running execution is idempotent.
      if (existing.status === 'RUNNING' && existing.input === input) return { executionArn, startDate: existing.startDate };
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const execution = this.run(machine, executionArn, name, input, parsedInput);
    execution.startedBy = startedBy;
    this.executions.set(executionArn, execution);
    this.options.log(`[sfn] started ${machine.logicalId} ${name}`);
    return { executionArn, startDate: execution.startDate };
  }

  describeExecution(executionArn: string): ExecutionDescription {
    return describe(this.standardExecution(executionArn));
  }

  /** The child execution of a `.sync` task of `parentArn`. */
  startChild(request: { stateMachineArn: string; name?: string; input: string }, parentArn: string): string {
    return this.startExecution(request, parentArn).executionArn;
  }

  /** Resolves with an execution's description (Express ones too) once it has ended. */
  async ended(executionArn: string): Promise<ExecutionDescription> {
    const execution = this.execution(executionArn);
    await execution.done;
    return describe(execution);
  }

  /**
   * Express executions, as their CloudWatch log would list them, optionally only those a
   * `.sync` task of `startedBy` started (the cost bench prices them by duration).
   */
  expressExecutions(startedBy?: string): ExpressExecutionRecord[] {
    return [...this.executions.values()]
      .filter((e) => e.machine.type === 'EXPRESS' && (!startedBy || e.startedBy === startedBy))
      .map((e) => ({ ...describe(e), startedBy: e.startedBy }));
  }

  listExecutions(request: { stateMachineArn: string; statusFilter?: ExecutionStatus } & Page): {
    executions: ExecutionListItem[];
    nextToken?: string;
  } {
    const { arn, type } = this.machine(request.stateMachineArn);
    if (type === 'EXPRESS') throw new SfnApiError('StateMachineTypeNotSupported', 'This operation is not supported by EXPRESS state machines');
    const matching = [...this.executions.values()]
      .filter((e) => e.stateMachineArn === arn && (!request.statusFilter || e.status === request.statusFilter))
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
      .map(({ executionArn, stateMachineArn, name, status, startDate, stopDate }) => ({ executionArn, stateMachineArn, name, status, startDate, stopDate }));
    const { items, nextToken } = page(matching, request);
    return { executions: items, nextToken };
  }

  stopExecution(executionArn: string, error?: string, cause?: string): { stopDate: Date } {
    return this.abort(this.standardExecution(executionArn), error, cause);
  }

  /**
   * A `.sync` task ended before its child (its execution was stopped, or it timed out):
   * a Standard child is stopped; an Express one runs on to its end, as in AWS, where
   * StopExecution does not apply to Express executions.
   */
  stopChild(executionArn: string): void {
    const child = this.execution(executionArn);
    if (child.machine.type === 'STANDARD') this.abort(child, 'States.Aborted', 'The parent task ended');
  }

  getExecutionHistory(executionArn: string, request: { reverseOrder?: boolean } & Page): { events: HistoryEvent[]; nextToken?: string } {
    const execution = this.standardExecution(executionArn);
    const events = toHistory(execution.events, execution.machine.roleArn, execution.machine.prepared.waitStates);
    if (request.reverseOrder) events.reverse();
    const { items, nextToken } = page(events, request);
    return { events: items, nextToken };
  }

  sendTaskSuccess(taskToken: string, output: string): void {
    this.callbacks.succeed(taskToken, output);
  }

  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.callbacks.fail(taskToken, error, cause);
  }

  sendTaskHeartbeat(taskToken: string): void {
    this.callbacks.heartbeat(taskToken);
  }

  /** Task tokens that tasks wait on now, optionally of one execution. */
  pendingTaskTokens(executionArn?: string): PendingCallback[] {
    return this.callbacks.pending(executionArn);
  }

  /** Resolves with the execution's description once it is no longer RUNNING. */
  async waitForExecution(executionArn: string, { timeoutMs = 30_000 }: { timeoutMs?: number } = {}): Promise<ExecutionDescription> {
    const execution = this.execution(executionArn);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const last = execution.events.findLast((event) => event.type === 'StateEntered');
        const state = last && 'state' in last ? ` in state ${last.state.name}` : '';
        reject(new Error(`Execution ${execution.name} is still ${execution.status}${state} after ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      await Promise.race([execution.done, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return describe(execution);
  }

  /** Stops every running execution and waits until all have settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const execution of this.executions.values()) this.abort(execution);
    await Promise.all([...this.executions.values()].map((execution) => execution.done));
  }

  private abort(execution: Execution, error?: string, cause?: string): { stopDate: Date } {
    if (execution.status === 'RUNNING') {
      this.finish(execution, 'ABORTED', { error, cause });
      execution.abort();
    }
    return { stopDate: execution.stopDate! };
  }

  private run(machine: LocalStateMachine, executionArn: string, name: string, input: string, parsedInput: unknown): Execution {
    const controller = new AbortController();
    const taskContext = createTaskContext(() => this.callbacks.mint());
    const startDate = new Date();
    const handlers = createTaskHandlers(
      machine.prepared.tasks,
      { executionArn, signal: controller.signal, claimToken: taskContext.claim },
      { lambda: this.lambda, children: this, callbacks: this.callbacks, waits: this.options, timeoutError: this.timeoutError },
    );
    type RunOptions = NonNullable<Parameters<LocalStateMachine['machine']['run']>[1]>;
    const run = machine.machine.run(parsedInput as Parameters<LocalStateMachine['machine']['run']>[0], {
      overrides: {
        taskResourceLocalHandlers: handlers as NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers'],
        retryIntervalOverrides: this.options.retryIntervalOverrides,
      },
      context: {
        Execution: { Id: executionArn, Name: name, RoleArn: machine.roleArn, StartTime: startDate.toISOString() },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: taskContext.task,
      },
    });
    const execution: Execution = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      startDate,
      input,
      machine,
      events: [],
      abort: () => {
        controller.abort();
        run.abort();
      },
      done: Promise.resolve(),
    };
    const collected = (async () => {
      for await (const event of run.eventLogs) execution.events.push(event);
    })();
    const settled = run.result.then(
      (output) => this.finish(execution, 'SUCCEEDED', { output: JSON.stringify(output) }),
      (error: unknown) => {
        // A stopped execution was recorded by stopExecution already.
        if (error instanceof ExecutionAbortedError) return;
        if (error instanceof ExecutionTimeoutError) return this.finish(execution, 'TIMED_OUT', { error: 'States.Timeout' });
        const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : (error as Error);
        this.finish(execution, 'FAILED', { error: failure.name, cause: failure.message });
      },
    );
    // Ending the scope ends what the execution left behind (a task of a failed Parallel
    // branch still waiting for its token, a timer): nothing outlives an execution.
    execution.done = Promise.all([settled, collected]).then(() => controller.abort());
    return execution;
  }

  private finish(execution: Execution, status: ExecutionStatus, fields: Partial<Pick<ExecutionDescription, 'output' | 'error' | 'cause'>>) {
    if (execution.status !== 'RUNNING') return;
    Object.assign(execution, { status, stopDate: new Date() }, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    const detail = status === 'SUCCEEDED' ? '' : ` ${execution.error ?? ''}`;
    this.options.log(`[sfn] ${status.toLowerCase()} ${execution.machine.logicalId} ${execution.name}${detail}`);
  }

  private machine(stateMachineArn: string): LocalStateMachine {
    if (!stateMachineArn?.startsWith('arn:aws:states:')) throw new SfnApiError('InvalidArn', `Invalid Arn: '${stateMachineArn}'`);
    const machine = this.machines.find((m) => m.arn === stateMachineArn);
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return machine;
  }

  /** AWS describes, stops and keeps the history of Standard executions only. */
  private standardExecution(executionArn: string): Execution {
    const execution = this.execution(executionArn);
    if (execution.machine.type === 'EXPRESS') {
      throw new SfnApiError('InvalidArn', `Invalid Arn: 'Express executions have no history or description: ${executionArn}'`);
    }
    return execution;
  }

  private execution(executionArn: string): Execution {
    if (!executionArn?.startsWith('arn:aws:states:')) throw new SfnApiError('InvalidArn', `Invalid Arn: '${executionArn}'`);
    const execution = this.executions.get(executionArn);
    if (!execution) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }
}

function describe(execution: Execution): ExecutionDescription {
  const { machine: _machine, events: _events, abort: _abort, done: _done, startedBy: _startedBy, ...description } = execution;
  return description;
}

/** Simple paging: the token is the offset of the next item. */
function page<T>(items: T[], { maxResults, nextToken }: Page): { items: T[]; nextToken?: string } {
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, 1000) : 100;
  const start = nextToken ? Number.parseInt(Buffer.from(nextToken, 'base64url').toString(), 10) || 0 : 0;
  const end = start + size;
  return { items: items.slice(start, end), nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined };
}
