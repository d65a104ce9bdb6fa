import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Errors,
  Fail,
  JsonPath,
  StateMachine,
  StateMachineType,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { noticeSenderContract, type NoticeSenderEvent } from '../../functions/notice-sender/contract.js';
import { grantItems, REQUESTS_TABLE_ACCESS } from '../grants.js';
import { DsrFunction } from './dsr-function.js';
import { stepEnvironment, teamMailEnvironment } from './step-environment.js';
import { MAIL_CLAIM_RETRY, NOTICE_RETRY, PERMANENT_MAIL_ERRORS, TRANSIENT_RETRY } from './step-retries.js';
import { grantSendEmail, type MailSettings } from './workflow-steps.js';
import { dsrStateMachine } from './dsr-state-machine.js';

export interface NoticeSenderProps {
  readonly requestsTable: ITable;
  readonly mail: MailSettings;
  /** Base URL of the public API (a new download link points there). */
  readonly publicApiUrl: string;
  /** Base URL of the privacy console (the team's email links there). */
  readonly consoleUrl: string;
  /**
   * Hours a download link sent as a notice stays valid, never beyond the package.
   * @default 168
   */
  readonly downloadLinkHours?: number;
  /**
   * Days a package stays when its request has no expiry on record yet.
   * @default 30
   */
  readonly packageExpiryDays?: number;
  /**
   * How long the sender waits before its first try: the action that queued the notice
   * tries to send it at once, and usually has.
   * @default Duration.minutes(1)
   */
  readonly firstTryAfter?: Duration;
  readonly logKey?: IKey;
}

/** Names of the states; tests shorten the Wait and the retries by name. */
export const NOTICE_SENDER_STATES = { wait: 'Wait for the first send', send: 'Send the notice', tellTeam: 'Tell the team the notice failed' } as const;

/**
 * Sends a notice queued in a request's outbox without anyone acting: one Standard
 * execution per queued notice (named for it, so starting it twice starts one), started
 * by the action that queued it. It waits for the action's own send, then sends the notice
 * if it is still queued, retried with backoff and jitter for about a day (NOTICE_RETRY;
 * at once to the team on a refusal no retry changes), and when it gives up emails the
 * privacy team; the notice stays pending for their `send-notices`. Chosen over DynamoDB
 * Streams with Lambda retries: the retries of a stream's batch are bounded by record age
 * (at most a day, shared by every change of the shard, and a failing record holds up the
 * others behind it), while an execution per notice retries it alone, and the local runtime
 * runs Standard executions as it runs the workflow, with its Waits and retries shortened
 * by name in tests. A waiting execution costs nothing; one that sends at once, five transitions.
 */
export class NoticeSender extends Construct {
  readonly stateMachine: StateMachine;
  readonly sender: DsrFunction;

  constructor(scope: Construct, id: string, props: NoticeSenderProps) {
    super(scope, id);
    const firstTryAfter = props.firstTryAfter ?? Duration.minutes(1);
    const firstTryMs = firstTryAfter.toMilliseconds();
    if (firstTryMs < 1000 || firstTryMs % 1000 !== 0) throw new Error('NoticeSender: firstTryAfter must be a whole number of seconds, at least one');
    this.sender = new DsrFunction(this, 'Sender', {
      contract: noticeSenderContract,
      description: 'DSR notices: send a queued notice to the requester; tell the team when it cannot',
      environment: stepEnvironment(noticeSenderContract, teamMailEnvironment(props), {
        PUBLIC_API_URL: props.publicApiUrl,
        DOWNLOAD_LINK_HOURS: String(props.downloadLinkHours ?? 168),
        PACKAGE_EXPIRY_DAYS: String(props.packageExpiryDays ?? 30),
      }),
      logKey: props.logKey,
    });
    // Reads the request and its store results, issues a link token, sends once, clears the outbox.
    grantItems(props.requestsTable, this.sender, REQUESTS_TABLE_ACCESS.writeAndMail, 'the requests table');
    grantSendEmail(this.sender, props.mail.senderEmail);

    // The execution's input is the queued notice: ids and a time, no personal data.
    const sendPayload: Record<Exclude<keyof NoticeSenderEvent, 'unsent'>, string> = {
      requestId: JsonPath.stringAt('$.requestId'),
      notice: JsonPath.stringAt('$.notice'),
      queuedAt: JsonPath.stringAt('$.queuedAt'),
    };
    const invoke = (stateId: string, payload: Record<string, unknown>) =>
      new LambdaInvoke(this, stateId, {
        lambdaFunction: this.sender,
        payload: TaskInput.fromObject(payload),
        payloadResponseOnly: true,
        taskTimeout: Timeout.duration(Duration.minutes(1)),
        retryOnServiceExceptions: true,
        resultPath: JsonPath.DISCARD,
      });
    const send = invoke(NOTICE_SENDER_STATES.send, sendPayload)
      .addRetry({ errors: PERMANENT_MAIL_ERRORS, maxAttempts: 0 })
      .addRetry(NOTICE_RETRY);
    const tellTeam = invoke(NOTICE_SENDER_STATES.tellTeam, { ...sendPayload, unsent: { error: JsonPath.stringAt('$.failure.Error') } })
      .addRetry(TRANSIENT_RETRY)
      .addRetry(MAIL_CLAIM_RETRY);
    send.addCatch(tellTeam.next(new Fail(this, 'Notice not sent', { error: 'NoticeNotSent', cause: 'The notice stays pending for the privacy team' })), {
      errors: [Errors.ALL],
      resultPath: '$.failure',
    });
    const wait = new Wait(this, NOTICE_SENDER_STATES.wait, { time: WaitTime.duration(firstTryAfter) });

    this.stateMachine = dsrStateMachine(this, {
      type: StateMachineType.STANDARD,
      definition: wait.next(send),
      invokes: [this.sender],
      logKey: props.logKey,
    });
  }
}
