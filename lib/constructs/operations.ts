import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DSR_METRICS } from '../../functions/shared/metrics-names.js';
import type { DsrKey } from './dsr-key.js';

export interface OperationsProps {
  workflow: IStateMachine;
  watch: IStateMachine;
  /** The notice sender: an execution fails when a notice was given up on (the team is emailed too). */
  notices: IStateMachine;
  /** The release of lifted restrictions: an execution fails when its retries are spent (the restriction stays lifting). */
  restrictionLift: IStateMachine;
  api: RestApi;
  /** Encrypts the alarm topic; the alarms are let use it. */
  key: DsrKey;
  /** Subscribed to the alarm topic (the privacy team's shared mailbox). */
  alarmEmail?: string;
  /** Share of intake calls answered 5xx over 5 minutes that raises the alarm. Default 5 %. */
  intake5xxRate?: number;
  /** The daily retention purge: an alarm when a run fails (records would outlive retention). */
  retentionPurge?: IFunction;
  /** Create the CloudWatch dashboard. Default true (LocalStack has no dashboards). */
  dashboard?: boolean;
}

/**
 * What the privacy team and the on-call engineer watch: alarms on deadline escalations,
 * failed executions, stores that failed after their retries, mail the intake did not file and the intake's 5xx rate,
 * all to one SNS topic, and a dashboard of the same.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', {
      displayName: 'Kiara DSR alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    props.key.allowAlarmNotifications();
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const dsrMetric = (name: string, dimensions: Record<string, string> = {}) =>
      new Metric({
        namespace: DSR_METRICS.namespace,
        metricName: name,
        dimensionsMap: { service: DSR_METRICS.service, ...dimensions },
        statistic: 'Sum',
        period: Duration.minutes(5),
      });
    const escalationsLegal = dsrMetric(DSR_METRICS.deadlineEscalations, { deadline: 'legal_deadline' });
    const escalationsStrict = dsrMetric(DSR_METRICS.deadlineEscalations, { deadline: 'strict_deadline' });
    const storeFailures = dsrMetric(DSR_METRICS.storeFailures);
    const stepFailures = dsrMetric(DSR_METRICS.stepFailures);
    const mailNotFiled = dsrMetric(DSR_METRICS.mailNotFiled);
    const workflowFailed = props.workflow.metricFailed({ period: Duration.minutes(5) });
    const watchFailed = props.watch.metricFailed({ period: Duration.minutes(5) });
    const workflowTimedOut = props.workflow.metricTimedOut({ period: Duration.minutes(5) });
    const intake5xx = props.api.metricServerError({ statistic: 'Average', period: Duration.minutes(5) });

    this.alarm('LegalDeadlinePassed', escalationsLegal, 1, 'A request passed its legal (GDPR Art. 12(3)) deadline while open.');
    this.alarm('StrictDeadlinePassed', escalationsStrict, 1, 'A request passed its internal (strict) deadline while open.');
    this.alarm('StoreFailed', storeFailures, 1, 'A store failed after its retries; a request waits for the privacy team.');
    this.alarm('StepFailed', stepFailures, 1, 'A workflow step failed for good; a request waits for the privacy team.');
    this.alarm('WorkflowFailed', workflowFailed, 1, 'A DSR workflow execution failed.');
    this.alarm('WorkflowTimedOut', workflowTimedOut, 1, 'A DSR workflow execution timed out.');
    this.alarm('DeadlineWatchFailed', watchFailed, 1, 'A deadline watch execution failed: a request may go unwatched.');
    this.alarm('NoticeNotSent', props.notices.metricFailed({ period: Duration.minutes(5) }), 1, 'A notice to a requester was given up on: it waits in the console as "Notice pending".');
    this.alarm('RestrictionLiftFailed', props.restrictionLift.metricFailed({ period: Duration.minutes(5) }), 1,
      'The release of a lifted restriction gave up: it stays "lifting" in the console until the lift is repeated.');
    this.alarm('MailNotFiled', mailNotFiled, 1,
      'Mail to the privacy address was not filed (over the rate limit): the admin queue lists it until the privacy team files or clears it.');
    this.alarm('Intake5xx', intake5xx, props.intake5xxRate ?? 0.05, 'The intake API answers 5xx to too many calls.');
    if (props.retentionPurge) {
      this.alarm('RetentionPurgeFailed', props.retentionPurge.metricErrors({ period: Duration.minutes(5) }), 1,
        'The daily retention purge failed: closed requests may be kept past recordRetentionYears.');
    }

    if (props.dashboard === false) return;
    new Dashboard(this, 'Dashboard', {
      dashboardName: 'kiara-dsr',
      widgets: [
        [new TextWidget({ markdown: '# Kiara DSR\nDeadlines, workflow health and intake errors.', width: 24, height: 2 })],
        [
          graph('Deadline escalations', [escalationsStrict, escalationsLegal]),
          graph('Stores and steps failed after retries', [storeFailures, stepFailures]),
        ],
        [
          graph('Workflow executions', [
            props.workflow.metricStarted({ period: Duration.minutes(5) }),
            props.workflow.metricSucceeded({ period: Duration.minutes(5) }),
            workflowFailed,
          ]),
          graph('Intake 5xx rate', [intake5xx]),
        ],
        [graph('Mail to the privacy address not filed (rate limit)', [mailNotFiled])],
      ],
    });
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string) {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

function graph(title: string, metrics: IMetric[]) {
  return new GraphWidget({ title, left: metrics, width: 12, height: 6 });
}
