import { describe, expect, it } from 'vitest';
import { RESTRICTION_LIFT_STATES } from '../../../lib/constructs/restriction-lift.js';
import { TRANSIENT_RETRY } from '../../../lib/constructs/step-retries.js';
import { definitionOf, synthStack } from '../../infra/synth.js';

const { template } = synthStack();
const machines = template.findResources('AWS::StepFunctions::StateMachine');
const [machineId, machine] = Object.entries<any>(machines).find(([id]) => id.startsWith('RestrictionLift'))!;
const definition = definitionOf(template, 'RestrictionLift');
const functions = template.findResources('AWS::Lambda::Function');
const functionWith = (entry: string) => Object.entries<any>(functions).find(([, fn]) => fn.Metadata?.DsrEntry === `functions/${entry}/index.ts`)!;
const [lifterId, lifter] = functionWith('restriction-lift');
const statementsOf = (functionId: string) => {
  const role = functions[functionId]!.Properties.Role['Fn::GetAtt'][0];
  return Object.values<any>(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((r: any) => r.Ref === role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
};
const actionsOf = (functionId: string) => statementsOf(functionId).flatMap((statement) => [statement.Action].flat() as string[]);

describe('the "lift restrictions" state machine in the synthesized stack', () => {
  it('is a Standard machine, traced and logged without execution data', () => {
    expect(machine.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: expect.objectContaining({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  it('releases a page an invocation from the cursor it was started with, looping until done', () => {
    expect(definition.StartAt).toBe(RESTRICTION_LIFT_STATES.start);
    expect(definition.States[RESTRICTION_LIFT_STATES.start]).toMatchObject({ Type: 'Pass', Parameters: { 'cursor.$': '$.cursor', done: false }, ResultPath: '$.lift' });
    const release = definition.States[RESTRICTION_LIFT_STATES.release];
    expect(release).toMatchObject({ Resource: `arn:fn:${lifterId}`, Parameters: { 'requestId.$': '$.requestId', 'cursor.$': '$.lift.cursor' }, ResultPath: '$.lift' });
    expect(release.Next).toBe(RESTRICTION_LIFT_STATES.released);
    const released = definition.States[RESTRICTION_LIFT_STATES.released];
    expect(released.Choices).toEqual([{ Variable: '$.lift.done', BooleanEquals: true, Next: 'Lifted' }]);
    expect(released.Default).toBe(RESTRICTION_LIFT_STATES.release);
  });

  it('retries transient failures with backoff and full jitter, then records where it stopped and fails (the alarm)', () => {
    const release = definition.States[RESTRICTION_LIFT_STATES.release];
    // After Lambda's own service errors: AWS's transient faults, bounded.
    expect(release.Retry.slice(1)).toEqual([
      { ErrorEquals: TRANSIENT_RETRY.errors, IntervalSeconds: 2, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL', MaxAttempts: TRANSIENT_RETRY.maxAttempts },
    ]);
    expect(release.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: RESTRICTION_LIFT_STATES.recordFailure }]);
    const record = definition.States[RESTRICTION_LIFT_STATES.recordFailure];
    expect(record.Parameters).toEqual({ 'requestId.$': '$.requestId', 'cursor.$': '$.lift.cursor', failed: { 'error.$': '$.failure.Error' } });
    expect(definition.States[record.Next]).toMatchObject({ Type: 'Fail', Error: 'RestrictionLiftFailed' });
    const [, alarm] = Object.entries<any>(template.findResources('AWS::CloudWatch::Alarm')).find(([id]) => id.includes('RestrictionLiftFailed'))!;
    expect(alarm.Properties).toMatchObject({ MetricName: 'ExecutionsFailed', Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: machineId } }] });
  });

  it('carries ids and a cursor between states, never personal data', () => {
    expect(JSON.stringify(definition)).not.toMatch(/email|contact|accountId/i);
  });

  it('gives its function the marks and the held copy to release, and only the admin API may start it', () => {
    expect(Object.keys(lifter.Properties.Environment.Variables).sort()).toEqual(
      ['ACCOUNT_TABLE', 'EXPORT_BUCKET', 'MEDIA_BUCKET', 'MEDIA_PAGE_SIZE', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'REQUESTS_TABLE'].sort(),
    );
    expect(actionsOf(lifterId)).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 's3:PutObjectTagging', 's3:DeleteObject*']));
    expect(actionsOf(lifterId).filter((action) => action.startsWith('states:') || action.startsWith('ses:') || /^s3:(PutObject|Abort)/.test(action) && action !== 's3:PutObjectTagging')).toEqual([]);

    const starters = Object.entries<any>(functions).filter(([id]) =>
      statementsOf(id).some((statement) => [statement.Action].flat().includes('states:StartExecution') && JSON.stringify(statement.Resource).includes(machineId)),
    );
    expect(starters.map(([, fn]) => fn.Metadata.DsrEntry)).toEqual(['functions/admin/index.ts']);
    const [adminId, admin] = functionWith('admin');
    expect(admin.Properties.Environment.Variables.RESTRICTION_LIFT_ARN).toEqual({ Ref: machineId });
    // The admin API no longer touches the marks or the held copy itself.
    expect(Object.keys(admin.Properties.Environment.Variables)).not.toContain('ACCOUNT_TABLE');
    expect(actionsOf(adminId)).not.toContain('s3:PutObjectTagging');
    expect(actionsOf(adminId).filter((action) => action.startsWith('s3:DeleteObject'))).toEqual([]);
  });
});
