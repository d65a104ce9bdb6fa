import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { MAX_TIMER_MS, MAX_TIMER_SECONDS } from './timers.js';

/** How the runtime runs one Task state (Wait states become tasks too, see below). */
export type TaskSpec =
  /** Resource is a Lambda ARN: the state input is the event, the return value the result. */
  | { kind: 'lambda'; functionRef: string; timeoutMs: number }
  /** arn:aws:states:::lambda:invoke: Parameters carry FunctionName and Payload. */
  | { kind: 'lambda-invoke'; timeoutMs: number }
  /** arn:aws:states:::lambda:invoke.waitForTaskToken: waits for SendTaskSuccess/Failure. */
  | { kind: 'callback'; timeoutMs: number | undefined }
  /** arn:aws:states:::states:startExecution.sync:2: runs a child execution to its end; Output as JSON. */
  | { kind: 'start-execution-sync'; timeoutMs: number | undefined }
  | { kind: 'wait' }
  | { kind: 'unsupported'; resource: string };

export interface PreparedDefinition {
  /** The definition as the library runs it. */
  definition: StateMachineDefinition;
  tasks: Map<string, TaskSpec>;
  /** Names of Wait states that now run as tasks, to report them as Wait in histories. */
  waitStates: Set<string>;
}

/** The resource name of the Task that replaces a Wait state (any ARN-like string does). */
const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';
/** AWS lets a Lambda run 15 minutes at most: a generous bound for a Lambda task without TimeoutSeconds. */
const DEFAULT_LAMBDA_TASK_TIMEOUT_MS = 15 * 60 * 1000;

type State = Record<string, unknown> & { Type: string };

/**
 * Prepares a resolved ASL (JSONPath) definition for aws-local-stepfunctions:
 * - Classifies every Task state, nested ones in Map and Parallel included (the library's
 *   task overrides are keyed by state name, so names must be unique).
 * - Caps the execution's TimeoutSeconds at `maxSeconds` (Express: 5 minutes).
 * - Sets each Task's TimeoutSeconds to the longest timer Node allows: the runtime times
 *   tasks itself, and the library would otherwise end any task after 60 s.
 * - Turns each Wait state into an equivalent Task: the library's Wait overflows
 *   setTimeout beyond ~24.8 days (it then fires at once) and cannot be shortened by a
 *   maximum, which tests need. `input.$` keeps the state's output identical.
 */
export function prepareDefinition(source: unknown, where: string, maxSeconds?: number): PreparedDefinition {
  const definition = structuredClone(source) as StateMachineDefinition & { TimeoutSeconds?: number };
  const tasks = new Map<string, TaskSpec>();
  const waitStates = new Set<string>();

  const visit = (states: Record<string, State>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task' || state.Type === 'Wait') {
        if (tasks.has(name)) throw new Error(`${where}: state name ${name} is used twice; the local runtime needs unique names`);
        if (state.Type === 'Wait') {
          waitStates.add(name);
          tasks.set(name, { kind: 'wait' });
          states[name] = waitAsTask(state);
        } else {
          tasks.set(name, classifyTask(state));
          if (state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = MAX_TIMER_SECONDS;
        }
      } else if (state.Type === 'Map') {
        const processor = (state.ItemProcessor ?? state.Iterator) as { States: Record<string, State> };
        visit(processor.States);
      } else if (state.Type === 'Parallel') {
        for (const branch of state.Branches as Array<{ States: Record<string, State> }>) visit(branch.States);
      }
    }
  };
  visit(definition.States as unknown as Record<string, State>);
  const limit = Math.min(maxSeconds ?? MAX_TIMER_SECONDS, MAX_TIMER_SECONDS);
  if (definition.TimeoutSeconds !== undefined || maxSeconds !== undefined) {
    definition.TimeoutSeconds = Math.min(definition.TimeoutSeconds ?? limit, limit);
  }
  return { definition, tasks, waitStates };
}

function classifyTask(state: State): TaskSpec {
  const resource = String(state.Resource);
  const timeoutMs = typeof state.TimeoutSeconds === 'number' ? Math.min(state.TimeoutSeconds * 1000, MAX_TIMER_MS) : undefined;
  if (resource.startsWith('arn:aws:lambda:')) {
    return { kind: 'lambda', functionRef: resource, timeoutMs: timeoutMs ?? DEFAULT_LAMBDA_TASK_TIMEOUT_MS };
  }
  switch (resource) {
    case 'arn:aws:states:::lambda:invoke':
      return { kind: 'lambda-invoke', timeoutMs: timeoutMs ?? DEFAULT_LAMBDA_TASK_TIMEOUT_MS };
    case 'arn:aws:states:::lambda:invoke.waitForTaskToken':
      // Without TimeoutSeconds AWS waits up to the execution's limit (a year): no timer.
      return { kind: 'callback', timeoutMs };
    case 'arn:aws:states:::states:startExecution.sync:2':
      return { kind: 'start-execution-sync', timeoutMs };
    default:
      return { kind: 'unsupported', resource };
  }
}

function waitAsTask(state: State): State {
  const { Seconds, Timestamp, SecondsPath, TimestampPath, Comment, InputPath, OutputPath, Next, End } = state;
  const when =
    Seconds !== undefined ? { seconds: Seconds }
    : Timestamp !== undefined ? { timestamp: Timestamp }
    : SecondsPath !== undefined ? { 'seconds.$': SecondsPath }
    : { 'timestamp.$': TimestampPath };
  const task: State = {
    Type: 'Task',
    Resource: LOCAL_WAIT_RESOURCE,
    Parameters: { 'input.$': '$', ...when },
    TimeoutSeconds: MAX_TIMER_SECONDS,
  };
  for (const [key, value] of Object.entries({ Comment, InputPath, OutputPath, Next, End })) {
    if (value !== undefined) task[key] = value;
  }
  return task;
}
