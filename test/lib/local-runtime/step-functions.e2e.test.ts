import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StopExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type CfnTemplate, type LocalRuntime } from '../../../lib/local-runtime/index.js';
import { eventually, liveHandles } from './helpers.js';

const ECHO = 'test/lib/local-runtime/fixture/functions/echo/index.ts';

/**
 * A hand-written template (no CDK): a Definition object with DefinitionSubstitutions,
 * context paths, Parallel, Map, both Lambda task forms, a callback with a timeout, Waits
 * far in the future, a Choice and an uncaught custom error.
 */
const template: CfnTemplate = {
  Parameters: { BootstrapVersion: { Type: 'String', Default: '/cdk-bootstrap/version' } },
  Resources: {
    EchoFn: {
      Type: 'AWS::Lambda::Function',
      Metadata: { DsrEntry: ECHO },
      Properties: {
        Timeout: 5,
        Environment: { Variables: { STAGE: { 'Fn::Select': [1, { 'Fn::Split': ['-', 'local-test'] }] } } },
      },
    },
    Machine: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionSubstitutions: { EchoArn: { 'Fn::GetAtt': ['EchoFn', 'Arn'] } },
        Definition: {
          StartAt: 'Context',
          States: {
            Context: {
              Type: 'Pass',
              Parameters: {
                'id.$': '$$.Execution.Id',
                'name.$': '$$.Execution.Name',
                'machine.$': '$$.StateMachine.Id',
                'input.$': '$$.Execution.Input',
              },
              ResultPath: '$.context',
              Next: 'Fan',
            },
            Fan: {
              Type: 'Parallel',
              ResultPath: '$.fan',
              Next: 'Approve',
              Branches: [
                {
                  StartAt: 'Items',
                  States: {
                    Items: {
                      Type: 'Map',
                      ItemsPath: '$.items',
                      MaxConcurrency: 2,
                      ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
                      ItemProcessor: {
                        StartAt: 'EchoItem',
                        States: { EchoItem: { Type: 'Task', Resource: '${EchoArn}', OutputPath: '$.event', End: true } },
                      },
                      End: true,
                    },
                  },
                },
                {
                  StartAt: 'Invoke',
                  States: {
                    Invoke: {
                      Type: 'Task',
                      Resource: 'arn:aws:states:::lambda:invoke',
                      Parameters: { FunctionName: '${EchoArn}', 'Payload.$': '$.context' },
                      ResultSelector: { 'status.$': '$.StatusCode', 'fn.$': '$.Payload.functionName', 'env.$': '$.Payload.env' },
                      End: true,
                    },
                  },
                },
              ],
            },
            Approve: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
              Parameters: { FunctionName: 'dsr-EchoFn', Payload: { 'token.$': '$$.Task.Token' } },
              TimeoutSeconds: 1,
              ResultPath: '$.approval',
              Catch: [
                { ErrorEquals: ['States.TaskFailed'], Next: 'WrongCatch' },
                { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Pause' },
              ],
              Next: 'Pause',
            },
            WrongCatch: { Type: 'Fail', Error: 'WrongCatch' },
            Pause: { Type: 'Wait', Seconds: 3600, Next: 'LongPause' },
            LongPause: { Type: 'Wait', TimestampPath: '$.farFuture', Next: 'Check' },
            Check: {
              Type: 'Choice',
              Choices: [{ Variable: '$.fail', IsPresent: true, Next: 'Boom' }],
              Default: 'Done',
            },
            Boom: {
              Type: 'Task',
              Resource: '${EchoArn}',
              Parameters: { 'fail.$': '$.fail' },
              Retry: [{ ErrorEquals: ['EchoFailure'], MaxAttempts: 1 }],
              End: true,
            },
            Done: { Type: 'Succeed' },
          },
        },
      },
    },
    // A Standard parent that runs an Express child to its end (.sync:2), as the DSR workflow runs its store work.
    Parent: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionSubstitutions: { ChildArn: { Ref: 'Child' } },
        Definition: {
          StartAt: 'RunChild',
          States: {
            RunChild: {
              Type: 'Task',
              Resource: 'arn:aws:states:::states:startExecution.sync:2',
              Parameters: { StateMachineArn: '${ChildArn}', 'Input.$': '$' },
              ResultSelector: { 'output.$': '$.Output', 'status.$': '$.Status' },
              Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.failure', Next: 'ChildFailed' }],
              End: true,
            },
            ChildFailed: { Type: 'Pass', End: true },
          },
        },
      },
    },
    Child: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        StateMachineType: 'EXPRESS',
        DefinitionSubstitutions: { EchoArn: { 'Fn::GetAtt': ['EchoFn', 'Arn'] } },
        Definition: {
          StartAt: 'ChildEcho',
          States: {
            ChildEcho: { Type: 'Task', Resource: '${EchoArn}', ResultSelector: { 'echoed.$': '$.event' }, Next: 'ChildWait' },
            ChildWait: { Type: 'Wait', SecondsPath: '$.echoed.wait', End: true },
          },
        },
      },
    },
    Quick: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionString: {
          'Fn::Join': ['', ['{"StartAt":"Echo","States":{"Echo":{"Type":"Task","Resource":"', { 'Fn::GetAtt': ['EchoFn', 'Arn'] }, '","End":true}}}']],
        },
      },
    },
  },
};

let runtime: LocalRuntime;
let sfn: SFNClient;
let handlesBefore: Record<string, number>;
const input = { items: [1, 2, 3], farFuture: '2100-01-01T00:00:00Z' };

beforeAll(async () => {
  handlesBefore = liveHandles();
  runtime = await startLocalRuntime({
    template,
    envOverrides: { EXTRA: 'yes' },
    // Pause gets its own override; LongPause (until 2100) falls under maxWaitMs.
    waitTimeOverrides: { Pause: 10 },
    maxWaitMs: 50,
    retryIntervalOverrides: { Boom: 0 },
  });
  sfn = new SFNClient({});
});

afterAll(async () => {
  sfn?.destroy();
  await runtime?.stop();
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const [kind, count] of Object.entries(liveHandles())) expect(count, kind).toBeLessThanOrEqual(handlesBefore[kind] ?? 0);
});

async function approve(executionArn: string) {
  const [pending] = await eventually(() => {
    const tokens = runtime.stepFunctions.pendingTaskTokens(executionArn);
    return tokens.length > 0 ? tokens : undefined;
  });
  expect(pending!.stateName).toBe('Approve');
  await sfn.send(new SendTaskSuccessCommand({ taskToken: pending!.taskToken, output: '{"ok":true}' }));
}

describe('state machine semantics', () => {
  it('provides the context object, runs Map, Parallel and lambda:invoke, and shortens Waits as configured', async () => {
    const started = Date.now();
    const { executionArn } = runtime.stepFunctions.startExecution({
      stateMachineArn: runtime.arn('Machine'),
      name: 'context',
      input: JSON.stringify(input),
    });
    await approve(executionArn);
    const done = await runtime.stepFunctions.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    // Waits of an hour and until 2100 took milliseconds.
    expect(Date.now() - started).toBeLessThan(2_000);
    const output = JSON.parse(done.output!);
    expect(output.context).toEqual({
      id: executionArn,
      name: 'context',
      machine: 'arn:aws:states:eu-west-1:000000000000:stateMachine:dsr-Machine',
      input,
    });
    expect(output.fan[0]).toEqual([
      { value: 1, index: 0 },
      { value: 2, index: 1 },
      { value: 3, index: 2 },
    ]);
    expect(output.fan[1]).toEqual({ status: 200, fn: 'dsr-EchoFn', env: { STAGE: 'test', EXTRA: 'yes' } });
    expect(output.approval).toEqual({ ok: true });
    const history = runtime.stepFunctions.getExecutionHistory(executionArn, {}).events.map((event) => event.type);
    expect(history.filter((type) => type === 'MapIterationStarted')).toHaveLength(3);
    expect(history.filter((type) => type === 'WaitStateEntered')).toHaveLength(2);
  });

  it('times a callback out as States.Timeout (not matched by States.TaskFailed) and closes its token', async () => {
    const { executionArn } = runtime.stepFunctions.startExecution({ stateMachineArn: runtime.arn('Machine'), input: JSON.stringify(input) });
    const [pending] = await eventually(() => {
      const tokens = runtime.stepFunctions.pendingTaskTokens(executionArn);
      return tokens.length > 0 ? tokens : undefined;
    });
    const done = await runtime.stepFunctions.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).timeout).toMatchObject({ Error: 'States.Timeout' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: pending!.taskToken, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('fails the execution with the Lambda error name and an AWS-shaped cause after the retry', async () => {
    const { executionArn } = runtime.stepFunctions.startExecution({
      stateMachineArn: runtime.arn('Machine'),
      input: JSON.stringify({ ...input, fail: 'kaputt' }),
    });
    await approve(executionArn);
    const done = await runtime.stepFunctions.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'EchoFailure' });
    expect(JSON.parse(done.cause!)).toMatchObject({ errorType: 'EchoFailure', errorMessage: 'kaputt' });
    const failures = runtime.stepFunctions.getExecutionHistory(executionArn, {}).events.filter((event) => event.type === 'TaskFailed');
    expect(failures).toHaveLength(2);
  });

  it('runs a one-task execution in a few milliseconds', async () => {
    const started = performance.now();
    const { executionArn } = runtime.stepFunctions.startExecution({ stateMachineArn: runtime.arn('Quick'), input: '{"hello":"world"}' });
    const done = await runtime.stepFunctions.waitForExecution(executionArn);
    const ms = performance.now() - started;
    console.info(`one-task execution: ${ms.toFixed(1)} ms`);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ event: { hello: 'world' }, functionName: 'dsr-EchoFn' });
  });
});

describe('Express child executions started by a .sync:2 task', () => {
  it('returns the child output as JSON to the parent; the child is an Express execution without history', async () => {
    const { executionArn } = runtime.stepFunctions.startExecution({ stateMachineArn: runtime.arn('Parent'), input: '{"wait":0}' });
    const done = await runtime.stepFunctions.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ output: { echoed: { wait: 0 } }, status: 'SUCCEEDED' });
    const [child, ...others] = runtime.stepFunctions.expressExecutions(executionArn);
    expect(others).toHaveLength(0);
    expect(child).toMatchObject({ status: 'SUCCEEDED', startedBy: executionArn });
    expect(child!.executionArn).toMatch(/^arn:aws:states:eu-west-1:000000000000:express:dsr-Child:/);
    // As in AWS: Express executions are not listed, described, stopped or given a history by the API.
    await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn: runtime.arn('Child') }))).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
    await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn: child!.executionArn }))).rejects.toMatchObject({ name: 'InvalidArn' });
    await expect(sfn.send(new StopExecutionCommand({ executionArn: child!.executionArn }))).rejects.toMatchObject({ name: 'InvalidArn' });
  });

  it('fails the parent task with States.TaskFailed and the child description as the cause when the child fails', async () => {
    const { executionArn } = runtime.stepFunctions.startExecution({ stateMachineArn: runtime.arn('Parent'), input: '{"wait":"not a number"}' });
    const done = await runtime.stepFunctions.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const { failure } = JSON.parse(done.output!);
    expect(failure.Error).toBe('States.TaskFailed');
    expect(JSON.parse(failure.Cause)).toMatchObject({ Status: 'FAILED', Error: 'States.Runtime' });
  });

  it('ends an Express execution after 5 minutes, as AWS does', () => {
    const child = runtime.stepFunctions.machines.find((machine) => machine.logicalId === 'Child')!;
    expect(child.type).toBe('EXPRESS');
    expect(child.prepared.definition).toMatchObject({ TimeoutSeconds: 300 });
  });
});

describe('templates the runtime cannot run', () => {
  it('refuses an Express state machine with a callback task, as AWS does', async () => {
    const express: CfnTemplate = {
      Resources: {
        Flow: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            StateMachineType: 'EXPRESS',
            Definition: {
              StartAt: 'T',
              States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'x' }, End: true } },
            },
          },
        },
      },
    };
    await expect(startLocalRuntime({ template: express })).rejects.toThrow(/Flow: an EXPRESS state machine cannot run arn:aws:states:::lambda:invoke.waitForTaskToken/);
  });

  it('refuses JSONata before starting anything, naming the state machine', async () => {
    const jsonata: CfnTemplate = {
      Resources: {
        Flow: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { Definition: { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } },
        },
      },
    };
    await expect(startLocalRuntime({ template: jsonata })).rejects.toThrow(/AWS::StepFunctions::StateMachine Flow: JSONata/);
  });

  it('names the resource of an unsupported intrinsic', async () => {
    const imported: CfnTemplate = {
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Metadata: { DsrEntry: ECHO },
          Properties: { Environment: { Variables: { X: { 'Fn::ImportValue': 'Shared' } } } },
        },
      },
    };
    await expect(startLocalRuntime({ template: imported })).rejects.toThrow(
      'AWS::Lambda::Function Fn Environment.Variables.X: the local runtime does not support the intrinsic Fn::ImportValue',
    );
  });
});
