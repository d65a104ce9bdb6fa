import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { DEFAULT_RECORD_RETENTION_YEARS, isValidRetentionYears } from '../../functions/core/retention/index.js';
import { grantItems, REQUESTS_TABLE_ACCESS } from '../grants.js';
import { acknowledgeWildcards, wildcardResource } from '../nag.js';
import { retentionContract } from '../../functions/retention/contract.js';
import { DsrFunction } from './dsr-function.js';

export interface RecordsRetentionProps {
  requestsTable: ITable;
  /** Years a closed request's record is kept (gdpr-rules.md §6). Whole years, at least 1. Default 5. */
  recordRetentionYears?: number;
  /** Key that encrypts the purge Lambda's log group. */
  logKey?: IKey;
}

/** The years a closed request's record is kept, refused at synth unless whole and at least 1. */
export function checkedRetentionYears(years: number = DEFAULT_RECORD_RETENTION_YEARS): number {
  if (!isValidRetentionYears(years)) {
    throw new Error(
      `recordRetentionYears must be a whole number of years, at least 1 (the DsrStack prop or -c recordRetentionYears=N); got ${String(years)}`,
    );
  }
  return years;
}

/**
 * Retention of the accountability records: a daily EventBridge Scheduler schedule runs a
 * Lambda that deletes, whole, the partition of every closed request whose record is past
 * `recordRetentionYears` after closure. It is the only principal with batch deletes on
 * the requests table.
 */
export class RecordsRetention extends Construct {
  readonly purge: DsrFunction;
  readonly schedule: Schedule;
  readonly years: number;

  constructor(scope: Construct, id: string, props: RecordsRetentionProps) {
    super(scope, id);
    this.years = checkedRetentionYears(props.recordRetentionYears);

    this.purge = new DsrFunction(this, 'Purge', {
      contract: retentionContract,
      description: `DSR retention: deletes request records ${this.years} years after closure`,
      environment: {
        REQUESTS_TABLE: props.requestsTable.tableName,
        RECORD_RETENTION_YEARS: String(this.years),
      },
      // Pages through expired requests and stops with 15 s in reserve; the next day goes on.
      timeout: Duration.minutes(5),
      logKey: props.logKey,
    });
    grantItems(props.requestsTable, this.purge, REQUESTS_TABLE_ACCESS.purge, 'the requests table');

    // The schedule's own role (not the stack-wide default one): it may invoke the purge only.
    const role = new Role(this, 'ScheduleRole', {
      description: 'EventBridge Scheduler: invokes the DSR retention purge',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    acknowledgeWildcards(role, 'LambdaInvoke grants lambda:InvokeFunction on <fn.Arn>:* too (versions and aliases of the purge function itself); no other function.', [
      wildcardResource(this, `${this.purge.functionArn}:*`),
    ]);
    this.schedule = new Schedule(this, 'Daily', {
      description: 'Kiara DSR: daily purge of request records past retention',
      // 03:30 Amsterdam time, outside office hours.
      schedule: ScheduleExpression.cron({ minute: '30', hour: '3', timeZone: TimeZone.of('Europe/Amsterdam') }),
      target: new LambdaInvoke(this.purge, { role, retryAttempts: 2, maxEventAge: Duration.hours(6) }),
    });
  }
}
