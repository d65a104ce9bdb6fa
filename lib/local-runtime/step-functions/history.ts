import type { StateMachine } from 'aws-local-stepfunctions';

/** The library's event type, which it does not export by name. */
export type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** One event of GetExecutionHistory, in the SDK's shape. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

/**
 * Turns the library's event log into AWS history events: execution start and end, state
 * entered/exited (`TaskStateEntered`...), task failures and Map iterations. Retries and
 * catches have no event of their own in AWS either.
 */
export function toHistory(log: readonly EventLog[], roleArn: string, waitStates: Set<string>): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const add = (timestamp: number, type: string, details: Record<string, unknown> = {}) =>
    events.push({ id: events.length + 1, previousEventId: events.length, timestamp: new Date(timestamp), type, ...details });
  const json = (value: unknown) => JSON.stringify(value ?? null);
  const typeOf = (state: { name: string; type: string }) => (waitStates.has(state.name) ? 'Wait' : state.type);

  for (const event of log) {
    switch (event.type) {
      case 'ExecutionStarted':
        add(event.timestamp, 'ExecutionStarted', {
          executionStartedEventDetails: { input: json(event.input), inputDetails: { truncated: false }, roleArn },
        });
        break;
      case 'ExecutionSucceeded':
        add(event.timestamp, 'ExecutionSucceeded', {
          executionSucceededEventDetails: { output: json(event.output), outputDetails: { truncated: false } },
        });
        break;
      case 'ExecutionFailed':
        add(event.timestamp, 'ExecutionFailed', { executionFailedEventDetails: { error: event.Error, cause: String(event.Cause) } });
        break;
      case 'ExecutionAborted':
        add(event.timestamp, 'ExecutionAborted', { executionAbortedEventDetails: {} });
        break;
      case 'ExecutionTimeout':
        add(event.timestamp, 'ExecutionTimedOut', { executionTimedOutEventDetails: { error: 'States.Timeout' } });
        break;
      case 'StateEntered':
        add(event.timestamp, `${typeOf(event.state)}StateEntered`, {
          stateEnteredEventDetails: { name: event.state.name, input: json(event.state.input), inputDetails: { truncated: false } },
        });
        break;
      case 'StateExited':
        add(event.timestamp, `${typeOf(event.state)}StateExited`, {
          stateExitedEventDetails: { name: event.state.name, output: json(event.state.output), outputDetails: { truncated: false } },
        });
        break;
      case 'StateFailed':
        if (typeOf(event.state) === 'Task') {
          add(event.timestamp, 'TaskFailed', {
            taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error: event.Error, cause: String(event.Cause) },
          });
        }
        break;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const key = `${event.type[0]!.toLowerCase()}${event.type.slice(1)}EventDetails`;
        add(event.timestamp, event.type, { [key]: { name: event.parentState.name, index: event.index } });
        break;
      }
      default:
        break;
    }
  }
  return events;
}
