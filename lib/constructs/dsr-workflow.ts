import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Choice,
  Condition,
  Errors,
  IntegrationPattern,
  JsonPath,
  Map as MapState,
  Pass,
  Result,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  TaskStateBase,
  Timeout,
  type IChainable,
  type IStateMachine,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, StepFunctionsStartExecution } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { StoreAction } from '../../functions/core/inventory/actions.js';
import type { StorePlan } from '../../functions/core/plan/plan.js';
import type { ClosedStatus, PendingStepName } from '../../functions/core/request/model.js';
import type { ReplyKind, RequesterReplyState, StepDecision } from '../../functions/core/request/replies.js';
import type { AcknowledgeResult } from '../../functions/workflow/acknowledge/contract.js';
import type { AwaitDecisionEvent, AwaitDecisionResult } from '../../functions/workflow/await-decision/contract.js';
import type { CloseEvent } from '../../functions/workflow/close/contract.js';
import type { ResolveSubjectResult } from '../../functions/workflow/resolve-subject/contract.js';
import type { RespondEvent } from '../../functions/workflow/respond/contract.js';
import type { RestrictEvent, RestrictResult } from '../../functions/workflow/restrict/contract.js';
import { acknowledgeStoreRounds } from '../nag.js';
import { MAIL_CLAIM_RETRY, TEAM_NOTICE_RETRY, TRANSIENT_RETRY } from './step-retries.js';
import { resultAt, type StepResultPath } from './step-result.js';
import type { StoreWork } from './store-work.js';
import type { WorkflowSteps } from './workflow-steps.js';
import { dsrStateMachine } from './dsr-state-machine.js';

export interface DsrWorkflowProps {
  steps: WorkflowSteps;
  /** The Express state machines that run the per-store rounds. */
  storeWork: StoreWork;
  /** The Restrict step (Art. 18): marks the data and keeps the hold until lifted. */
  restrict: IFunction;
  /** How long the identity link can be confirmed. Default 7 days. */
  identityTimeout?: Duration;
  logKey?: IKey;
}

const requestId = JsonPath.stringAt('$.requestId');

/** Where the state keeps each step's result. */
const ack = resultAt<AcknowledgeResult>('$.ack');
const subject = resultAt<ResolveSubjectResult>('$.subject');
const plan = resultAt<StorePlan>(subject.field('plan'));
const identity = resultAt<AwaitDecisionResult>('$.identity');
const triaged = resultAt<AwaitDecisionResult>('$.triage');
const reviewed = resultAt<AwaitDecisionResult>('$.review');
const restricted = resultAt<RestrictResult>('$.restrict');
/** Where a failed step's error is caught, until the team's retry decision replaces it. */
const failure = '$.failure';

/** Whether a person decided a waiting step so. */
const decided = (result: StepResultPath<AwaitDecisionResult>, decision: StepDecision) =>
  Condition.stringEquals(result.field('decision'), decision);

/**
 * The DSR state machine: Acknowledge → VerifyIdentity → Triage (mail only) → ResolveSubject → Review →
 * Restrict (a granted restriction) → store rounds (collect, then erase; Express children) → Assemble → NotifyRecipients (after an erasure,
 * Art. 19) → Respond → Close. JSONPath, so the
 * local runtime runs the very same definition. States carry ids and flags, never data.
 */
export class DsrWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  private readonly steps: WorkflowSteps;

  constructor(scope: Construct, id: string, props: DsrWorkflowProps) {
    super(scope, id);
    const steps = (this.steps = props.steps);

    // Every step is idempotent, so a step that AWS failed is run again (bounded, with backoff).
    const retried = (task: LambdaInvoke) => task.addRetry(TRANSIENT_RETRY).addRetry(MAIL_CLAIM_RETRY);
    const call = (stateId: string, fn: IFunction, payload: Record<string, unknown>, resultPath: string, answeredOtherwise?: IChainable) =>
      this.waitOnFailure(
        stateId,
        retried(
          new LambdaInvoke(this, stateId, {
            lambdaFunction: fn,
            payload: TaskInput.fromObject({ requestId, ...payload }),
            payloadResponseOnly: true,
            resultPath,
            taskTimeout: Timeout.duration(Duration.minutes(5)),
            retryOnServiceExceptions: true,
          }),
        ),
        answeredOtherwise,
      );
    /** A step that waits for a person; `onTimeout` (caught before any failure) ends the wait. */
    const awaitDecision = (stateId: string, step: PendingStepName, result: StepResultPath<AwaitDecisionResult>, onTimeout?: { after: Duration; then: IChainable }) => {
      const task = retried(
        new LambdaInvoke(this, stateId, {
          lambdaFunction: steps.awaitDecision,
          integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
          payload: TaskInput.fromObject({ requestId, taskToken: JsonPath.taskToken, step } satisfies AwaitDecisionEvent),
          resultPath: result.path,
          taskTimeout: onTimeout ? Timeout.duration(onTimeout.after) : undefined,
        }),
      );
      if (onTimeout) task.addCatch(onTimeout.then, { errors: [Errors.TIMEOUT], resultPath: JsonPath.DISCARD });
      return this.waitOnFailure(stateId, task);
    };
    const respond = (stateId: string, reply: ReplyKind, answeredOtherwise?: IChainable) =>
      call(stateId, steps.respond, { reply } satisfies Omit<RespondEvent, 'requestId'>, JsonPath.DISCARD, answeredOtherwise);
    const close = (stateId: string, status: ClosedStatus) =>
      call(stateId, steps.close, { status } satisfies Omit<CloseEvent, 'requestId'>, JsonPath.DISCARD).next(new Succeed(this, `${stateId} done`));
    // The requester's reply, then the close: a reply email SES refused may be given another
    // way by the team (`answered_otherwise`), and the request closes the same without it.
    const replyAndClose = (stateId: RequesterReplyState, reply: ReplyKind, closeId: string, status: ClosedStatus) => {
      const closing = close(closeId, status);
      return respond(stateId, reply, closing).next(closing);
    };

    // Identity: the link in the acknowledgement resumes VerifyIdentity via a POST.
    const acknowledge = call('Acknowledge', steps.acknowledge, {}, ack.path);
    const verifyIdentity = awaitDecision('VerifyIdentity', 'verify_identity', identity, {
      after: props.identityTimeout ?? Duration.days(7),
      then: replyAndClose('RespondIdentityExpired', 'identity_expired', 'CloseUnverified', 'closed_unverified'),
    });

    const resolveSubject = call('ResolveSubject', steps.resolveSubject, {}, subject.path);
    const review = awaitDecision('Review', 'review', reviewed);

    // Mail to the privacy address: the team says which rights it invokes (Triage), after the
    // identity step; or dismisses it as no rights request at any wait up to the review
    // decision, and it closes with no reply and no store touched.
    const closeDismissed = close('CloseDismissed', 'dismissed');
    const unlessDismissed = (stateId: string, result: StepResultPath<AwaitDecisionResult>, next: IChainable) =>
      new Choice(this, stateId)
        .when(Condition.and(Condition.isPresent(result.field('decision')), decided(result, 'dismissed')), closeDismissed)
        .otherwise(next);
    const triage = awaitDecision('Triage', 'triage', triaged);
    const afterIdentity = new Choice(this, 'Triage needed?')
      .when(
        Condition.and(Condition.isPresent(ack.field('needsTriage')), Condition.booleanEquals(ack.field('needsTriage'), true)),
        triage.next(unlessDismissed('Dismissed at triage?', triaged, resolveSubject)),
      )
      .otherwise(resolveSubject);

    const assemble = call('Assemble', steps.assemble, {}, JsonPath.DISCARD);
    const respondResult = replyAndClose('RespondResult', 'result', 'CloseCompleted', 'completed');
    // Art. 19: the recipients of the erased stores are told before the report names them.
    const notifyRecipients = respond('NotifyRecipients', 'recipient_notices');
    // No copies outlive an erasure: the person's earlier packages go before the report says so.
    const erasePackages = call('ErasePackages', steps.erasePackages, {}, JsonPath.DISCARD);

    erasePackages.next(notifyRecipients).next(respondResult);
    const eraseIfPlanned = new Choice(this, 'Erase?')
      .when(
        Condition.and(Condition.booleanEquals(plan.field('erase'), true), Condition.isPresent(`${plan.field('eraseStores')}[0]`)),
        this.storeRounds('erase', props.storeWork.erase, erasePackages),
      )
      // No account (known by earlier requests only): no store to erase, the packages still go.
      .when(Condition.booleanEquals(plan.field('erase'), true), erasePackages)
      .otherwise(respondResult);
    assemble.next(eraseIfPlanned);
    const collectIfPlanned = new Choice(this, 'Collect?')
      .when(
        Condition.and(Condition.booleanEquals(plan.field('collect'), true), Condition.isPresent(`${plan.field('collectStores')}[0]`)),
        this.storeRounds('collect', props.storeWork.collect, assemble),
      )
      // Nothing left to collect after the hold, or no account (the records alone answer).
      .when(Condition.booleanEquals(plan.field('collect'), true), assemble)
      .otherwise(eraseIfPlanned);
    // Data that ages out (TTL, lifecycle) is collected before the review, so none of what
    // Kiara held at receipt expires while the team decides; refusal or cancellation discards it (Close).
    const holdIfPlanned = new Choice(this, 'Hold?')
      .when(Condition.booleanEquals(plan.field('hold'), true), this.storeRounds('collect', props.storeWork.collect, review, 'hold'))
      .otherwise(review);

    // A granted restriction marks the data and keeps the hold before the collect rounds
    // (whose package would otherwise take the hold out of work/), and its recipients are told (Art. 19).
    // It tags the media a page an invocation and loops on its cursor, as the store rounds do.
    const restrictFromStart = new Pass(this, 'Restrict from the start', {
      result: Result.fromObject({ cursor: '', done: false } satisfies RestrictResult),
      resultPath: restricted.path,
    });
    const restrict = call('Restrict', props.restrict, { cursor: JsonPath.stringAt(restricted.field('cursor')) } satisfies Omit<RestrictEvent, 'requestId'>, restricted.path);
    const notifyRestriction = respond('NotifyRestriction', 'restriction_notices');
    notifyRestriction.next(collectIfPlanned);
    restrictFromStart.next(restrict).next(
      new Choice(this, 'Restricted?').when(Condition.booleanEquals(restricted.field('done'), true), notifyRestriction).otherwise(restrict),
    );
    const restrictIfPlanned = new Choice(this, 'Restrict?')
      .when(Condition.booleanEquals(plan.field('restrict'), true), restrictFromStart)
      .otherwise(collectIfPlanned);

    // The review decides per right: only the stores of the rights it grants are touched.
    const useReviewedPlan = new Pass(this, 'Use reviewed plan', { inputPath: reviewed.field('plan'), resultPath: plan.path });
    const decision = new Choice(this, 'Approved?')
      .when(decided(reviewed, 'approved'), useReviewedPlan.next(restrictIfPlanned))
      .when(
        decided(reviewed, 'cancelled'),
        replyAndClose('RespondCancellation', 'cancellation', 'CloseCancelled', 'cancelled'),
      )
      .when(decided(reviewed, 'dismissed'), closeDismissed)
      .otherwise(replyAndClose('RespondRejection', 'rejection', 'CloseRejected', 'rejected'));

    const subjectFound = new Choice(this, 'Subject found?')
      .when(
        Condition.booleanEquals(subject.field('found'), false),
        replyAndClose('RespondNoData', 'no_data', 'CloseNoData', 'completed_no_data'),
      )
      .otherwise(holdIfPlanned);
    review.next(decision);

    const definition = acknowledge.next(
      new Choice(this, 'Identity check needed?')
        .when(
          Condition.booleanEquals(ack.field('needsVerification'), true),
          verifyIdentity.next(unlessDismissed('Dismissed at identity?', identity, afterIdentity)),
        )
        .otherwise(afterIdentity),
    );
    resolveSubject.next(subjectFound);

    this.stateMachine = dsrStateMachine(this, {
      type: StateMachineType.STANDARD,
      definition: definition,
      invokes: [
      steps.acknowledge,
      steps.awaitDecision,
      steps.resolveSubject,
      steps.assemble,
      steps.erasePackages,
      props.restrict,
      steps.respond,
      steps.close,
    ],
      logKey: props.logKey,
    });
    acknowledgeStoreRounds(this.stateMachine, [props.storeWork.collect, props.storeWork.erase]);
  }

  /**
   * A step that failed for good (its retries spent, or an error no retry helps, such as SES
   * refusing an address) does not fail the execution: it waits at a `step_failure` step for
   * the privacy team (pending step, email, console), and their retry runs it again. The
   * error's name goes to the team; its message (the Cause, which may quote an address) is
   * replaced in the state by their decision. A step with `answeredOtherwise` (the
   * requester's reply) goes there instead when the team decides `answered_otherwise`.
   */
  private waitOnFailure<T extends TaskStateBase | MapState>(stateId: string, task: T, answeredOtherwise?: IChainable): T {
    const waitForRetry = new LambdaInvoke(this, `${stateId}: failed, wait for the team`, {
      lambdaFunction: this.steps.awaitDecision,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId,
        taskToken: JsonPath.taskToken,
        step: 'step_failure',
        failedStep: stateId,
        error: JsonPath.stringAt(`${failure}.Error`),
      } satisfies AwaitDecisionEvent),
      resultPath: failure,
    })
      .addRetry(TRANSIENT_RETRY)
      .addRetry(MAIL_CLAIM_RETRY)
      .addRetry(TEAM_NOTICE_RETRY);
    const afterDecision = answeredOtherwise
      ? new Choice(this, `${stateId}: answered otherwise?`)
          .when(Condition.stringEquals(`${failure}.decision`, 'answered_otherwise' satisfies StepDecision), answeredOtherwise)
          .otherwise(task)
      : task;
    task.addCatch(waitForRetry.next(afterDecision), { errors: [Errors.ALL], resultPath: failure });
    return task;
  }

  /**
   * The store work of one action, in rounds: each round is an Express execution (one
   * connector invocation per store not done yet, see StoreWork), and the next starts while
   * any store has more. A store that failed after its retries waits for the privacy
   * team's retry decision, then resumes from its cursor in the next round: it is never
   * skipped. Only these few states are billed as Standard transitions per round.
   * `stage` names the states and the plan's store list: `hold` collects the stores that
   * age data out before the review, `collect` the others after approval.
   */
  private storeRounds(action: StoreAction, round: IStateMachine, next: IChainable, stage: 'hold' | StoreAction = action): IChainable {
    const state = `$.${stage}`;
    const fromPlan = new Pass(this, `${stage}: stores of the plan`, {
      inputPath: plan.field(`${stage}Stores`),
      resultPath: `${state}.stores`,
    });
    const runRound = this.waitOnFailure(`${stage} stores`, new StepFunctionsStartExecution(this, `${stage} stores`, {
      stateMachine: round,
      integrationPattern: IntegrationPattern.RUN_JOB,
      associateWithParent: true,
      input: TaskInput.fromObject({ requestId, stores: JsonPath.listAt(`${state}.stores`) }),
      resultSelector: { 'stores.$': '$.Output.stores', 'more.$': '$.Output.more', 'failed.$': '$.Output.failed' },
      resultPath: state,
    }));
    // A round that failed as a whole (cut off at the 5-minute limit, say) is run again:
    // the connectors replay the parts they had recorded, so nothing is done twice.
    runRound.addRetry({ errors: [Errors.TASKS_FAILED], interval: Duration.seconds(10), backoffRate: 2, maxAttempts: 2 });

    const failedStore = new LambdaInvoke(this, `${stage}: store failed`, {
      lambdaFunction: this.steps.awaitDecision,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId,
        taskToken: JsonPath.taskToken,
        step: 'store_failure',
        storeId: JsonPath.stringAt('$.store.storeId'),
        action,
        error: JsonPath.stringAt('$.store.error'),
      } satisfies AwaitDecisionEvent),
      resultPath: JsonPath.DISCARD,
    })
      // Parking is idempotent: a park that died is done again, never failing the round's wait.
      .addRetry(TRANSIENT_RETRY)
      .addRetry(MAIL_CLAIM_RETRY)
      .addRetry(TEAM_NOTICE_RETRY);
    const retryFromCursor = new Pass(this, `${stage}: retry from its cursor`, {
      parameters: { 'storeId.$': '$.store.storeId', 'cursor.$': '$.store.cursor', done: false },
    });
    const asItWas = new Pass(this, `${stage}: store as it was`, {
      parameters: { 'storeId.$': '$.store.storeId', 'cursor.$': '$.store.cursor', 'done.$': '$.store.done' },
    });
    const waitForTeam = this.waitOnFailure(`${stage}: wait for the team`, new MapState(this, `${stage}: wait for the team`, {
      itemsPath: `${state}.stores`,
      itemSelector: { requestId, 'store.$': '$$.Map.Item.Value' },
      resultPath: `${state}.stores`,
    }));
    waitForTeam.itemProcessor(
      new Choice(this, `${stage}: did this store fail?`)
        .when(Condition.booleanEquals('$.store.failed', true), failedStore.next(retryFromCursor))
        .otherwise(asItWas),
    );
    waitForTeam.next(runRound);

    runRound.next(
      new Choice(this, `${stage}: stores done?`)
        .when(Condition.booleanEquals(`${state}.failed`, true), waitForTeam)
        .when(Condition.booleanEquals(`${state}.more`, true), runRound)
        .otherwise(next),
    );
    return fromPlan.next(runRound);
  }
}
