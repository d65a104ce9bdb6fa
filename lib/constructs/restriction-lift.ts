import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Choice,
  Condition,
  Errors,
  Fail,
  JsonPath,
  Pass,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  restrictionLiftContract,
  type RestrictionLiftEvent,
  type RestrictionLiftResult,
} from '../../functions/restriction-lift/contract.js';
import type { EnvironmentOf } from '../../functions/shared/contract.js';
import { grantItems, REQUESTS_TABLE_ACCESS } from '../grants.js';
import { DsrFunction } from './dsr-function.js';
import type { Restrictions } from './restrictions.js';
import { resultAt } from './step-result.js';
import { TRANSIENT_RETRY } from './step-retries.js';
import { dsrStateMachine } from './dsr-state-machine.js';

export interface RestrictionLiftProps {
  readonly requestsTable: ITable;
  /** Where the marks and the held copy are, and the media page size the Restrict step tags by. */
  readonly restrictions: Restrictions;
  /** @default the AWS-managed key of CloudWatch Logs */
  readonly logKey?: IKey;
}

/** Names of the states; tests shorten the retries by name. */
export const RESTRICTION_LIFT_STATES = {
  start: 'Lift from its cursor',
  release: 'Release a page',
  released: 'Released?',
  recordFailure: 'Record the failed lift',
} as const;

const release = resultAt<RestrictionLiftResult>('$.lift');

/**
 * Releases a restriction the team lifted (Art. 18(3)): one Standard execution per lift and
 * run (named for them by the admin API, so a repeated lift starts none twice), which calls
 * its Lambda a page at a time (a page of media untagged, the account's items unmarked, a
 * page of the held copy deleted) until the last page records the restriction lifted, so
 * an account with any number of files is released whatever API Gateway's 29 s and
 * Lambda's limits. Transient failures are retried with backoff and jitter
 * (TRANSIENT_RETRY); when the retries are spent the failure and where it stopped are
 * recorded on the restriction (console, `restriction_lift_failed`), the execution fails
 * (the `RestrictionLiftFailed` alarm) and a repeated lift resumes it from there. A
 * machine of its own rather than the workflow: the request's workflow has ended long
 * before a lift. Its own function rather than Restrict in a release mode: it deletes the
 * held copy, which Restrict must not, and never copies into it. Two Standard transitions a page.
 */
export class RestrictionLift extends Construct {
  readonly stateMachine: StateMachine;
  readonly lifter: DsrFunction;

  constructor(scope: Construct, id: string, props: RestrictionLiftProps) {
    super(scope, id);
    const { restrictions } = props;
    this.lifter = new DsrFunction(this, 'Lifter', {
      contract: restrictionLiftContract,
      description: 'DSR: release a lifted restriction a page at a time: media tags, account marks, held copy (Art. 18(3))',
      environment: {
        REQUESTS_TABLE: props.requestsTable.tableName,
        MEDIA_PAGE_SIZE: String(restrictions.mediaPageSize),
        ...restrictions.placesEnvironment(),
      } satisfies EnvironmentOf<typeof restrictionLiftContract>,
      logKey: props.logKey,
    });
    // Reads the request, records the lift's end or failure, appends the audit events.
    grantItems(props.requestsTable, this.lifter, REQUESTS_TABLE_ACCESS.write, 'the requests table');
    restrictions.grantLift(this.lifter);

    // The execution's input and every state carry ids and a cursor, no personal data.
    const start = new Pass(this, RESTRICTION_LIFT_STATES.start, {
      parameters: { 'cursor.$': '$.cursor', done: false },
      resultPath: release.path,
    });
    const invoke = (stateId: string, payload: Record<keyof RestrictionLiftEvent, unknown> | Omit<RestrictionLiftEvent, 'failed'>, resultPath: string) =>
      new LambdaInvoke(this, stateId, {
        lambdaFunction: this.lifter,
        payload: TaskInput.fromObject(payload),
        payloadResponseOnly: true,
        taskTimeout: Timeout.duration(Duration.minutes(1)),
        retryOnServiceExceptions: true,
        resultPath,
      });
    const requestId = JsonPath.stringAt('$.requestId');
    const cursor = JsonPath.stringAt(release.field('cursor'));
    const releasePage = invoke(RESTRICTION_LIFT_STATES.release, { requestId, cursor }, release.path).addRetry(TRANSIENT_RETRY);
    const failed = { error: JsonPath.stringAt('$.failure.Error') };
    const recordFailure = invoke(RESTRICTION_LIFT_STATES.recordFailure, { requestId, cursor, failed }, JsonPath.DISCARD).addRetry(TRANSIENT_RETRY);
    releasePage.addCatch(
      recordFailure.next(new Fail(this, 'Lift not finished', { error: 'RestrictionLiftFailed', cause: 'The restriction stays lifting; a repeated lift resumes it' })),
      { errors: [Errors.ALL], resultPath: '$.failure' },
    );
    const released = new Choice(this, RESTRICTION_LIFT_STATES.released)
      .when(Condition.booleanEquals(release.field('done'), true), new Succeed(this, 'Lifted'))
      .otherwise(releasePage);

    this.stateMachine = dsrStateMachine(this, {
      type: StateMachineType.STANDARD,
      definition: start.next(releasePage).next(released),
      invokes: [this.lifter],
      logKey: props.logKey,
    });
  }
}
