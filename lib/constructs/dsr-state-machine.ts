import type { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, QueryLanguage, StateMachine, type IChainable, type StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { acknowledgeStateMachineRole } from '../nag.js';

export interface DsrStateMachineProps {
  readonly type: StateMachineType;
  readonly definition: IChainable;
  /** The Lambdas its tasks invoke: the role's grants on their versions are acknowledged for cdk-nag. */
  readonly invokes: IFunction[];
  /** @default the AWS-managed key of CloudWatch Logs */
  readonly logKey?: IKey;
  /** @default none */
  readonly timeout?: Duration;
}

/**
 * A state machine of this app, as every one is built: JSONPath, X-Ray tracing, and every
 * event logged without its execution data (states carry ids only, and no personal data
 * reaches the logs) to a log group of its own, encrypted and kept a year. Created as
 * `StateMachine` and `Logs` under `scope`.
 */
export function dsrStateMachine(scope: Construct, props: DsrStateMachineProps): StateMachine {
  const stateMachine = new StateMachine(scope, 'StateMachine', {
    stateMachineType: props.type,
    queryLanguage: QueryLanguage.JSON_PATH,
    definitionBody: DefinitionBody.fromChainable(props.definition),
    timeout: props.timeout,
    tracingEnabled: true,
    logs: {
      level: LogLevel.ALL,
      includeExecutionData: false,
      destination: new LogGroup(scope, 'Logs', { retention: RetentionDays.ONE_YEAR, encryptionKey: props.logKey }),
    },
  });
  acknowledgeStateMachineRole(stateMachine, props.invokes);
  return stateMachine;
}
