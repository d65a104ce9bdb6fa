import './polyfill.js';
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';

/**
 * Returns a factory for the library's own States.Timeout error. The runtime times tasks
 * itself (so that a timed-out callback's token is closed at once), but the library tells
 * States.Timeout apart from other task errors by `instanceof` on a class it does not
 * export (States.TaskFailed in Retry/Catch must not match a timeout). Letting a one-state
 * machine time out after 1 ms yields an instance of that class.
 */
export async function statesTimeoutErrorFactory(): Promise<() => Error> {
  const probe = new StateMachine(
    {
      StartAt: 'Probe',
      States: { Probe: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:probe', TimeoutSeconds: 0.001, End: true } },
    },
    { validationOptions: { noValidate: true } },
  );
  const { result } = probe.run({}, { overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => {}) } } });
  const error = await result.then(
    () => undefined,
    (failure: unknown) => (failure instanceof ExecutionError ? failure.cause : undefined),
  );
  if (!(error instanceof Error) || error.name !== 'States.Timeout') {
    throw new Error('aws-local-stepfunctions changed: could not obtain its States.Timeout error class');
  }
  const TimeoutError = error.constructor as new () => Error;
  return () => new TimeoutError();
}
