import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Choice,
  Condition,
  Errors,
  Fail,
  JsonPath,
  Map as MapState,
  Pass,
  StateMachine,
  StateMachineType,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { STORES } from '../../functions/core/inventory/index.js';
import type { StoreAction } from '../../functions/core/inventory/actions.js';
import type { StoreEvent, StoreStepResult } from '../../functions/store/contract.js';
import { resultAt } from './step-result.js';
import { dsrStateMachine } from './dsr-state-machine.js';

export interface StoreWorkProps {
  /** One connector Lambda per inventory store, by store id. */
  readonly connectors: ReadonlyMap<string, IFunction>;
  /**
   * The connectors' Lambda timeout. Every try of a store page, with its retries, must end
   * within the 5 minutes an Express execution may run.
   * @default Duration.seconds(45)
   */
  readonly connectorTimeout?: Duration;
  /** @default the AWS managed key of CloudWatch Logs */
  readonly logKey?: IKey;
}

/** Express executions end after 5 minutes (AWS limit). */
const EXPRESS_LIMIT = Duration.minutes(5);
/** Retries of a failing store page: 2 s, 4 s, 8 s, so 4 tries in all, as the team's notice says. */
const STORE_RETRY = { interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 3 };
/** What a task waits beyond the Lambda timeout before it gives up on the invocation. */
const TASK_GRACE = Duration.seconds(5);

export const DEFAULT_CONNECTOR_TIMEOUT = Duration.seconds(45);

/**
 * The per-store work of a request, where state transitions cost nothing: one Express
 * state machine per action (collect, erase), billed per request and duration. An
 * execution is one round: every store of the input that is not done yet gets one
 * connector invocation, all at once (a Map), and the output says where each store stands
 * (its cursor, done, or failed after its retries) and whether any store has more to do or
 * failed. The Standard workflow starts a round with `startExecution.sync:2` and starts the
 * next one while a store has more, so no execution comes near the 5-minute limit however
 * large a store is; a store that failed waits there for the privacy team.
 */
export class StoreWork extends Construct {
  readonly collect: StateMachine;
  readonly erase: StateMachine;

  constructor(scope: Construct, id: string, props: StoreWorkProps) {
    super(scope, id);
    const connectorTimeout = props.connectorTimeout ?? DEFAULT_CONNECTOR_TIMEOUT;
    const worstRound = worstRoundSeconds(connectorTimeout);
    if (worstRound > EXPRESS_LIMIT.toSeconds()) {
      throw new Error(
        `StoreWork: a round can take ${worstRound} s with connectorTimeout ${connectorTimeout.toSeconds()} s and its retries, more than the ${EXPRESS_LIMIT.toSeconds()} s an Express execution may run`,
      );
    }
    for (const store of STORES) {
      if (!props.connectors.has(store.id)) throw new Error(`StoreWork: no connector for store "${store.id}"`);
    }
    this.collect = this.round('collect', props.connectors, connectorTimeout, props.logKey);
    this.erase = this.round('erase', props.connectors, connectorTimeout, props.logKey);
  }

  /** The Express state machine of one action's round. */
  private round(action: StoreAction, connectors: ReadonlyMap<string, IFunction>, connectorTimeout: Duration, logKey?: IKey): StateMachine {
    const scope = new Construct(this, capitalized(action));
    const alreadyDone = new Pass(scope, `${action}: store already done`, {
      parameters: { 'storeId.$': '$.storeId', cursor: '', done: true, failed: false },
    });
    // The store stays at its cursor; the workflow parks it for the privacy team.
    const failed = new Pass(scope, `${action}: store failed`, {
      parameters: { 'storeId.$': '$.storeId', 'cursor.$': '$.cursor', done: false, failed: true, 'error.$': '$.failure.Error' },
    });
    const whichStore = new Choice(scope, `${action}: which store?`).when(Condition.booleanEquals('$.done', true), alreadyDone);
    const result = resultAt<StoreStepResult>('$');
    for (const store of STORES) {
      const page = new LambdaInvoke(scope, `${action} ${store.id}`, {
        lambdaFunction: connectors.get(store.id)!,
        payload: TaskInput.fromObject({
          requestId: JsonPath.stringAt('$.requestId'),
          action,
          cursor: JsonPath.stringAt('$.cursor'),
        } satisfies StoreEvent),
        payloadResponseOnly: true,
        resultSelector: {
          'storeId.$': result.field('storeId'),
          'cursor.$': result.field('cursor'),
          'done.$': result.field('done'),
          failed: false,
        },
        taskTimeout: Timeout.duration(connectorTimeout.plus(TASK_GRACE)),
        retryOnServiceExceptions: true,
      });
      page.addRetry({ errors: ['StoreUnavailableError', Errors.TIMEOUT], ...STORE_RETRY });
      page.addCatch(failed, { resultPath: '$.failure' });
      whichStore.when(Condition.stringEquals('$.storeId', store.id), page);
    }
    whichStore.otherwise(new Fail(scope, `${action}: unknown store`, { error: 'UnknownStore', cause: 'The plan names a store the inventory does not have' }));

    const eachStore = new MapState(scope, `${action}: each store`, {
      itemsPath: '$.stores',
      itemSelector: {
        'requestId.$': '$.requestId',
        'storeId.$': '$$.Map.Item.Value.storeId',
        'cursor.$': '$$.Map.Item.Value.cursor',
        'done.$': '$$.Map.Item.Value.done',
      },
      resultSelector: { 'stores.$': '$', 'done.$': '$[*].done', 'failed.$': '$[*].failed' },
      resultPath: '$.round',
    });
    eachStore.itemProcessor(whichStore);
    const summary = new Pass(scope, `${action}: where the stores stand`, {
      parameters: {
        'stores.$': '$.round.stores',
        'more.$': 'States.ArrayContains($.round.done, false)',
        'failed.$': 'States.ArrayContains($.round.failed, true)',
      },
    });

    const stateMachine = dsrStateMachine(scope, {
      type: StateMachineType.EXPRESS,
      definition: eachStore.next(summary),
      timeout: EXPRESS_LIMIT,
      invokes: [...connectors.values()],
      logKey: logKey,
    });
    return stateMachine;
  }
}

/** The longest a round can take: every try of a page runs to its task timeout, plus the waits between. */
function worstRoundSeconds(connectorTimeout: Duration): number {
  const tries = STORE_RETRY.maxAttempts + 1;
  const waits = Array.from({ length: STORE_RETRY.maxAttempts }, (_, i) => STORE_RETRY.interval.toSeconds() * STORE_RETRY.backoffRate ** i);
  return tries * connectorTimeout.plus(TASK_GRACE).toSeconds() + waits.reduce((sum, wait) => sum + wait, 0);
}

function capitalized(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}
