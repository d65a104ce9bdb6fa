import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Chain,
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  Parallel,
  Pass,
  QueryLanguage,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  type IChainable,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { STORES } from '../../functions/core/inventory/index.js';
import { planKey } from '../../functions/core/plan/plan.js';
import { acknowledgeStateMachineRole } from '../nag.js';
import type { WorkflowSteps } from './workflow-steps.js';

export interface DsrWorkflowProps {
  steps: WorkflowSteps;
  /** One connector Lambda per inventory store, by store id. */
  connectors: Map<string, IFunction>;
  /** How long the identity link can be confirmed. Default 7 days. */
  identityTimeout?: Duration;
  logKey?: IKey;
}

const requestId = JsonPath.stringAt('$.requestId');

/**
 * The DSR state machine: Acknowledge → VerifyIdentity → ResolveSubject → Review →
 * per-store fan-out (collect, then erase) → Assemble → NotifyRecipients (after an erasure,
 * Art. 19) → Respond → Close. JSONPath, so the
 * local runtime runs the very same definition. States carry ids and flags, never data.
 */
export class DsrWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  private readonly steps: WorkflowSteps;

  constructor(scope: Construct, id: string, props: DsrWorkflowProps) {
    super(scope, id);
    const steps = (this.steps = props.steps);

    const call = (stateId: string, fn: IFunction, payload: Record<string, unknown>, resultPath: string) =>
      new LambdaInvoke(this, stateId, {
        lambdaFunction: fn,
        payload: TaskInput.fromObject({ requestId, ...payload }),
        payloadResponseOnly: true,
        resultPath,
        taskTimeout: Timeout.duration(Duration.minutes(5)),
        retryOnServiceExceptions: true,
      });
    const awaitDecision = (stateId: string, payload: Record<string, unknown>, resultPath: string, timeout?: Duration) =>
      new LambdaInvoke(this, stateId, {
        lambdaFunction: steps.awaitDecision,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({ requestId, taskToken: JsonPath.taskToken, ...payload }),
        resultPath,
        taskTimeout: timeout ? Timeout.duration(timeout) : undefined,
      });
    const respond = (stateId: string, reply: string) =>
      call(stateId, steps.respond, { reply }, JsonPath.DISCARD);
    const close = (stateId: string, status: string) =>
      call(stateId, steps.close, { status }, JsonPath.DISCARD).next(new Succeed(this, `${stateId} done`));

    // Identity: the link in the acknowledgement resumes VerifyIdentity via a POST.
    const acknowledge = call('Acknowledge', steps.acknowledge, {}, '$.ack');
    const verifyIdentity = awaitDecision(
      'VerifyIdentity',
      { step: 'verify_identity' },
      JsonPath.DISCARD,
      props.identityTimeout ?? Duration.days(7),
    );
    verifyIdentity.addCatch(
      respond('RespondIdentityExpired', 'identity_expired').next(close('CloseUnverified', 'closed_unverified')),
      { errors: [Errors.TIMEOUT], resultPath: JsonPath.DISCARD },
    );

    const resolveSubject = call('ResolveSubject', steps.resolveSubject, {}, '$.subject');
    const review = awaitDecision('Review', { step: 'review' }, '$.review');

    const collect = this.fanOut('collect', props.connectors);
    const erase = this.fanOut('erase', props.connectors);
    const assemble = call('Assemble', steps.assemble, {}, JsonPath.DISCARD);
    const respondResult = respond('RespondResult', 'result').next(close('CloseCompleted', 'completed'));
    // Art. 19: the recipients of the erased stores are told before the report names them.
    const notifyRecipients = respond('NotifyRecipients', 'recipient_notices');

    const eraseIfPlanned = new Choice(this, 'Erase?')
      .when(Condition.booleanEquals('$.subject.plan.erase', true), erase.next(notifyRecipients).next(respondResult))
      .otherwise(respondResult);
    const collectIfPlanned = new Choice(this, 'Collect?')
      .when(Condition.booleanEquals('$.subject.plan.collect', true), collect.next(assemble).next(eraseIfPlanned))
      .otherwise(eraseIfPlanned);

    // The review decides per right: only the stores of the rights it grants are touched.
    const useReviewedPlan = new Pass(this, 'Use reviewed plan', { inputPath: '$.review.plan', resultPath: '$.subject.plan' });
    const decision = new Choice(this, 'Approved?')
      .when(Condition.stringEquals('$.review.decision', 'approved'), useReviewedPlan.next(collectIfPlanned))
      .when(
        Condition.stringEquals('$.review.decision', 'cancelled'),
        respond('RespondCancellation', 'cancellation').next(close('CloseCancelled', 'cancelled')),
      )
      .otherwise(respond('RespondRejection', 'rejection').next(close('CloseRejected', 'rejected')));

    const subjectFound = new Choice(this, 'Subject found?')
      .when(
        Condition.booleanEquals('$.subject.found', false),
        respond('RespondNoData', 'no_data').next(close('CloseNoData', 'completed_no_data')),
      )
      .otherwise(review.next(decision));

    const definition = acknowledge.next(
      new Choice(this, 'Identity check needed?')
        .when(
          Condition.booleanEquals('$.ack.needsVerification', true),
          verifyIdentity.next(resolveSubject),
        )
        .otherwise(resolveSubject),
    );
    resolveSubject.next(subjectFound);

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      queryLanguage: QueryLanguage.JSON_PATH,
      definitionBody: DefinitionBody.fromChainable(definition),
      tracingEnabled: true,
      logs: {
        level: LogLevel.ALL,
        includeExecutionData: false,
        destination: new LogGroup(this, 'Logs', {
          retention: RetentionDays.ONE_YEAR,
          encryptionKey: props.logKey,
        }),
      },
    });
    acknowledgeStateMachineRole(this.stateMachine, [
      steps.acknowledge,
      steps.awaitDecision,
      steps.resolveSubject,
      steps.assemble,
      steps.respond,
      steps.close,
      ...props.connectors.values(),
    ]);
  }

  /**
   * One Parallel branch per store. Each branch pages through its store by looping on the
   * connector's cursor; transient errors are retried with backoff, and a store that still
   * fails waits for the privacy team's retry decision instead of being skipped.
   */
  private fanOut(action: 'collect' | 'erase', connectors: Map<string, IFunction>): Parallel {
    const parallel = new Parallel(this, `${action} stores`, {
      parameters: { 'requestId.$': '$.requestId', 'plan.$': '$.subject.plan' },
      resultPath: JsonPath.DISCARD,
    });
    for (const store of STORES) {
      const connector = connectors.get(store.id);
      if (!connector) throw new Error(`DsrWorkflow: no connector for store "${store.id}"`);
      parallel.branch(this.storeLoop(action, store.id, connector));
    }
    return parallel;
  }

  private storeLoop(action: 'collect' | 'erase', storeId: string, connector: IFunction): IChainable {
    const name = `${action} ${storeId}`;
    const invoke = new LambdaInvoke(this, name, {
      lambdaFunction: connector,
      payload: TaskInput.fromObject({ requestId, action, cursor: JsonPath.stringAt('$.cursor') }),
      payloadResponseOnly: true,
      resultPath: '$.page',
      taskTimeout: Timeout.duration(Duration.minutes(16)),
      retryOnServiceExceptions: true,
    });
    invoke.addRetry({
      errors: ['StoreUnavailableError', Errors.TIMEOUT],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 4,
    });
    const failed = new LambdaInvoke(this, `${name} failed`, {
      lambdaFunction: this.steps.awaitDecision,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId,
        taskToken: JsonPath.taskToken,
        step: 'store_failure',
        storeId,
        action,
        error: JsonPath.stringAt('$.failure.Error'),
      }),
      resultPath: JsonPath.DISCARD,
    });
    invoke.addCatch(failed, { resultPath: '$.failure' });
    failed.next(invoke);

    const nextPage = new Pass(this, `${name} next page`, {
      parameters: { 'requestId.$': '$.requestId', 'cursor.$': '$.page.cursor' },
    });
    nextPage.next(invoke);
    const start = new Pass(this, `${name} start`, {
      // An empty cursor, not null: a JSONPath to null fails in the local interpreter.
      parameters: { 'requestId.$': '$.requestId', cursor: '' },
    });
    start.next(invoke);
    invoke.next(
      new Choice(this, `${name} done?`)
        .when(Condition.booleanEquals('$.page.done', true), new Succeed(this, `${name} finished`))
        .otherwise(nextPage),
    );
    const flag = `$.plan.${action}Stores.${planKey(storeId)}`;
    return Chain.start(
      new Choice(this, `${name}?`)
        .when(Condition.and(Condition.isPresent(flag), Condition.booleanEquals(flag, true)), start)
        .otherwise(new Succeed(this, `${name} not needed`)),
    );
  }

}
