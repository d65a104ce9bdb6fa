import { Duration } from 'aws-cdk-lib';
import { JitterType, type RetryProps } from 'aws-cdk-lib/aws-stepfunctions';
import { TRANSIENT_AWS_ERROR_NAMES } from '../../functions/shared/aws-errors.js';

/**
 * What a Lambda task fails with when AWS failed, not the code: the Lambda died (a crash,
 * out of memory, its timeout) or a service stayed throttled or faulty beyond the SDK's
 * own retries (each service's throttling, 5xx and timeout errors). Retrying these is
 * safe because every step is idempotent.
 */
export const TRANSIENT_TASK_ERRORS = ['Runtime.ExitError', 'Sandbox.Timedout', 'Lambda.Unknown', ...TRANSIENT_AWS_ERROR_NAMES];

/**
 * Transient failures: 2 s doubling to at most a minute, full jitter (AWS's advice, so
 * that requests failed by one throttle do not come back together), 6 retries.
 */
export const TRANSIENT_RETRY: RetryProps = {
  errors: TRANSIENT_TASK_ERRORS,
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxDelay: Duration.minutes(1),
  jitterStrategy: JitterType.FULL,
  maxAttempts: 6,
};

/**
 * An email another invocation claimed (sendOnce's lease, 15 minutes): the retries span
 * more than the lease (1 + 2 + 4 + 8 + 10 + 10 minutes) so the last ones can take it over.
 * No jitter: one execution waits on its own marker, and jitter could end the retries
 * before the lease does.
 */
export const MAIL_CLAIM_RETRY: RetryProps = {
  errors: ['MailSendInProgressError'],
  interval: Duration.minutes(1),
  backoffRate: 2,
  maxDelay: Duration.minutes(10),
  maxAttempts: 6,
};

/**
 * Errors no retry of an email changes: SES refused the message or the sender identity.
 * A notice that meets one is reported to the privacy team at once.
 */
export const PERMANENT_MAIL_ERRORS = ['MessageRejected', 'MailFromDomainNotVerifiedException'];

/**
 * A notice to the requester (lib/constructs/notice-sender.ts): whatever failed, tried again
 * 1 min doubling to at most 4 h apart, full jitter, 14 retries: the last try at most about
 * 28 h after the first (on average half that), then the privacy team is told. Its span
 * also covers sendOnce's 15-minute lease of a claim another invocation holds.
 */
export const NOTICE_RETRY: RetryProps = {
  errors: ['States.ALL'],
  interval: Duration.minutes(1),
  backoffRate: 2,
  maxDelay: Duration.hours(4),
  jitterStrategy: JitterType.FULL,
  maxAttempts: 14,
};

/**
 * The privacy team's notice of a failed step refused by SES (`MessageRejected`, e.g. the
 * sending account paused): tried again as a transient fault is, since the step must reach
 * the team; when every try is refused the execution fails and the WorkflowFailed alarm
 * goes to the alarm topic.
 */
export const TEAM_NOTICE_RETRY: RetryProps = { ...TRANSIENT_RETRY, errors: ['MessageRejected'] };
