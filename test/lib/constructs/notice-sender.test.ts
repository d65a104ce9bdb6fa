import { Duration, Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { NOTICE_SENDER_STATES, NoticeSender } from '../../../lib/constructs/notice-sender.js';
import { NOTICE_RETRY, PERMANENT_MAIL_ERRORS } from '../../../lib/constructs/step-retries.js';
import { definitionOf, synthStack } from '../../infra/synth.js';

const { template } = synthStack();
const machines = template.findResources('AWS::StepFunctions::StateMachine');
const [machineId, machine] = Object.entries<any>(machines).find(([id]) => id.startsWith('Notices'))!;
const definition = definitionOf(template, 'Notices');
const functions = template.findResources('AWS::Lambda::Function');
const functionWith = (entry: string) => Object.entries<any>(functions).find(([, fn]) => fn.Metadata?.DsrEntry === `functions/${entry}/index.ts`)!;
const [senderId, sender] = functionWith('notice-sender');
const policiesOf = (functionId: string) => {
  const role = functions[functionId]!.Properties.Role['Fn::GetAtt'][0];
  return Object.values<any>(template.findResources('AWS::IAM::Policy')).filter((policy) => policy.Properties.Roles.some((r: any) => r.Ref === role));
};
const statementsOf = (functionId: string) => policiesOf(functionId).flatMap((policy) => policy.Properties.PolicyDocument.Statement);

describe('the "send notices" state machine in the synthesized stack', () => {
  it('is a Standard machine, traced and logged without execution data', () => {
    expect(machine.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: expect.objectContaining({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  it('waits for the action’s own send, then sends with bounded retries (backoff, full jitter) and tells the team when they are spent', () => {
    expect(definition.StartAt).toBe(NOTICE_SENDER_STATES.wait);
    expect(definition.States[NOTICE_SENDER_STATES.wait]).toMatchObject({ Type: 'Wait', Seconds: 60, Next: NOTICE_SENDER_STATES.send });
    const send = definition.States[NOTICE_SENDER_STATES.send];
    expect(send.Resource).toBe(`arn:fn:${senderId}`);
    expect(send.Parameters).toEqual({ 'requestId.$': '$.requestId', 'notice.$': '$.notice', 'queuedAt.$': '$.queuedAt' });
    expect(send.End).toBe(true);
    // After Lambda's own service errors: a refusal is not retried, everything else is, bounded.
    expect(send.Retry.slice(1)).toEqual([
      { ErrorEquals: PERMANENT_MAIL_ERRORS, MaxAttempts: 0 },
      { ErrorEquals: ['States.ALL'], IntervalSeconds: 60, BackoffRate: 2, MaxDelaySeconds: 4 * 3600, JitterStrategy: 'FULL', MaxAttempts: NOTICE_RETRY.maxAttempts },
    ]);
    expect(send.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: NOTICE_SENDER_STATES.tellTeam }]);
    const tellTeam = definition.States[NOTICE_SENDER_STATES.tellTeam];
    expect(tellTeam.Parameters).toEqual({ 'requestId.$': '$.requestId', 'notice.$': '$.notice', 'queuedAt.$': '$.queuedAt', unsent: { 'error.$': '$.failure.Error' } });
    expect(definition.States[tellTeam.Next]).toMatchObject({ Type: 'Fail', Error: 'NoticeNotSent' });
  });

  it('carries ids and a time between states, never personal data', () => {
    expect(JSON.stringify(definition)).not.toMatch(/email|contact|accountId/i);
  });

  it('gives its sender the requests table and SES, and only the admin API may start it', () => {
    expect(Object.keys(sender.Properties.Environment.Variables).sort()).toEqual(
      ['CONSOLE_URL', 'DOWNLOAD_LINK_HOURS', 'NODE_OPTIONS', 'PACKAGE_EXPIRY_DAYS', 'POWERTOOLS_SERVICE_NAME', 'PRIVACY_TEAM_EMAIL', 'PUBLIC_API_URL', 'REQUESTS_TABLE', 'SENDER_EMAIL'].sort(),
    );
    const actions = statementsOf(senderId).flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'ses:SendEmail']));
    expect(actions.filter((action) => action.startsWith('states:') || action.startsWith('s3:'))).toEqual([]);

    const starters = Object.entries<any>(functions).filter(([id]) =>
      statementsOf(id).some((statement) => [statement.Action].flat().includes('states:StartExecution') && JSON.stringify(statement.Resource).includes(machineId)),
    );
    expect(starters.map(([, fn]) => fn.Metadata.DsrEntry)).toEqual(['functions/admin/index.ts']);
    const [, admin] = functionWith('admin');
    expect(admin.Properties.Environment.Variables.NOTICE_SENDER_ARN).toEqual({ Ref: machineId });
  });

  it('refuses a first wait that is not a whole number of seconds, at least one', () => {
    const stack = new Stack();
    const props = {
      requestsTable: new Table(stack, 'Requests', { partitionKey: { name: 'pk', type: AttributeType.STRING } }),
      mail: { senderEmail: 'privacy@kiara-api.com', privacyTeamEmail: 'team@kiara-api.com' },
      publicApiUrl: 'https://api.example',
      consoleUrl: 'https://console.example',
    };
    for (const firstTryAfter of [Duration.millis(10), Duration.millis(1500), Duration.seconds(0)]) {
      expect(() => new NoticeSender(stack, `Wait${firstTryAfter.toMilliseconds()}`, { ...props, firstTryAfter })).toThrow(/firstTryAfter must be a whole number of seconds, at least one/);
    }
  });
});
