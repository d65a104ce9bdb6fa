import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Choice,
  Condition,
  type IStateMachine,
  JsonPath,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { grantItems, REQUESTS_TABLE_ACCESS } from '../grants.js';
import type { ReminderPoint } from '../../functions/core/deadlines/index.js';
import { watchActContract, type WatchActEvent, type WatchActResult } from '../../functions/watch/act/contract.js';
import { nextPointContract, type NextPointEvent, type NextPointResult } from '../../functions/watch/next-point/contract.js';
import { DsrFunction } from './dsr-function.js';
import { resultAt } from './step-result.js';
import { stepEnvironment, teamMailEnvironment, type WorkflowEnvironment } from './step-environment.js';
import { grantSendEmail, type MailSettings } from './workflow-steps.js';
import { dsrStateMachine } from './dsr-state-machine.js';

export interface DeadlineWatchProps {
  requestsTable: ITable;
  mail: MailSettings;
  consoleUrl: string;
  /** Days before the strict deadline the privacy team is reminded. Default [7, 2]. */
  reminderDaysBefore?: number[];
  logKey?: IKey;
}

/** What a function that starts a request's watch needs: the state machine, and the settings of its first point. */
export interface WatchStarter {
  readonly stateMachine: IStateMachine;
  readonly startEnvironment: Pick<WorkflowEnvironment, 'WATCH_STATE_MACHINE_ARN' | 'REMINDER_DAYS_BEFORE'>;
}

/** Names of the watch's states; tests override the Wait by name to run timers fast. */
export const WATCH_WAIT_STATE = 'Wait until next point';

/**
 * The deadline watch: one Standard execution per request that waits (a Wait state with
 * TimestampPath, which also runs on LocalStack) until each reminder point, reminds the
 * privacy team, and escalates once at the strict and the legal deadline. Each loop
 * re-reads the request, so an extension moves the timers and a closed request ends it.
 * Whoever starts it computes the first point (functions/shared/start-once.ts, startWatch),
 * so it begins in its Wait: billed 1 transition to start, 4 per wake-up, nothing while it waits.
 */
export class DeadlineWatch extends Construct implements WatchStarter {
  readonly stateMachine: StateMachine;
  readonly act: DsrFunction;
  readonly startEnvironment: WatchStarter['startEnvironment'];

  constructor(scope: Construct, id: string, props: DeadlineWatchProps) {
    super(scope, id);
    const reminderDaysBefore = (props.reminderDaysBefore ?? [7, 2]).join(',');
    const shared = { ...teamMailEnvironment(props), REMINDER_DAYS_BEFORE: reminderDaysBefore };
    const nextPointFn = new DsrFunction(this, 'NextPoint', {
      contract: nextPointContract,
      description: 'DSR deadline watch: next reminder or escalation point',
      environment: stepEnvironment(nextPointContract, shared, {}),
      logKey: props.logKey,
    });
    this.act = new DsrFunction(this, 'Act', {
      contract: watchActContract,
      description: 'DSR deadline watch: remind or escalate',
      environment: stepEnvironment(watchActContract, shared, {}),
      logKey: props.logKey,
    });
    grantItems(props.requestsTable, nextPointFn, REQUESTS_TABLE_ACCESS.read, 'the requests table');
    grantItems(props.requestsTable, this.act, REQUESTS_TABLE_ACCESS.writeAndMail, 'the requests table');
    grantSendEmail(this.act, props.mail.senderEmail);

    const invoke = (stateId: string, fn: DsrFunction, payload: Record<string, unknown>, result: Pick<LambdaInvokeProps, 'resultPath' | 'resultSelector'>) =>
      new LambdaInvoke(this, stateId, {
        lambdaFunction: fn,
        payload: TaskInput.fromObject({ requestId: JsonPath.stringAt('$.requestId'), ...payload }),
        payloadResponseOnly: true,
        taskTimeout: Timeout.duration(Duration.minutes(1)),
        retryOnServiceExceptions: true,
        ...result,
      });
    const next = resultAt<NextPointResult>('$.next');
    const point = resultAt<ReminderPoint>(next.field('point'));
    const loadPayload: Omit<NextPointEvent, 'requestId'> = { after: JsonPath.stringAt('$.after') };
    const nextPoint = invoke('Load next point', nextPointFn, loadPayload, { resultPath: next.path });
    // Its result becomes the next loop's input ({ requestId, after }) by itself: a wake-up
    // costs four transitions (Wait, act, load, Choice), no Pass state to carry it over.
    const actPayload: Record<keyof Omit<WatchActEvent, 'requestId'>, unknown> = { point: JsonPath.objectAt(point.path) };
    const act = invoke('Remind or escalate', this.act, actPayload, {
      resultSelector: { 'requestId.$': '$$.Execution.Input.requestId', 'after.$': resultAt<WatchActResult>('$').field('after') },
    });
    const wait = new Wait(this, WATCH_WAIT_STATE, { time: WaitTime.timestampPath(point.field('at')) });
    nextPoint.next(
      new Choice(this, 'Watch over?')
        .when(Condition.booleanEquals(next.field('done'), true), new Succeed(this, 'Watch ended'))
        .otherwise(wait.next(act).next(nextPoint)),
    );

    this.stateMachine = dsrStateMachine(this, {
      type: StateMachineType.STANDARD,
      definition: wait,
      invokes: [nextPointFn, this.act],
      logKey: props.logKey,
    });
    this.startEnvironment = { WATCH_STATE_MACHINE_ARN: this.stateMachine.stateMachineArn, REMINDER_DAYS_BEFORE: reminderDaysBefore };
  }
}
