import { Duration, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { StoreWork } from '../../lib/constructs/store-work.js';
import { describe, expect, it } from 'vitest';
import { STORES } from '../../functions/core/inventory/index.js';
import { isRequesterReplyState, REQUESTER_REPLY_STATES } from '../../functions/core/request/replies.js';
import { allStates, definitionOf, synthStack } from './synth.js';

const { template } = synthStack();

describe('DSR stack', () => {
  it('runs the workflow as a Standard, JSONPath state machine with logging and tracing', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
    expect(definitionOf(template, 'Workflow').QueryLanguage ?? 'JSONPath').toBe('JSONPath');
  });

  it('waits for a person at VerifyIdentity and Review with task-token callbacks', () => {
    const states = allStates(definitionOf(template, 'Workflow'));
    for (const name of ['VerifyIdentity', 'Review']) {
      expect(states[name].Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      expect(states[name].Parameters.Payload['taskToken.$']).toBe('$$.Task.Token');
    }
    expect(states.VerifyIdentity.TimeoutSeconds).toBe(7 * 86400);
    expect(states.VerifyIdentity.Catch[0].ErrorEquals).toEqual(['States.Timeout']);
  });

  it('lets the team close a request at each of the requester’s replies, past it', () => {
    const states = allStates(definitionOf(template, 'Workflow'));
    for (const reply of REQUESTER_REPLY_STATES) expect(states[`${reply}: answered otherwise?`]?.Type, reply).toBe('Choice');
  });

  it('retries a dead Lambda in every task of the workflow, and parks what the retries left for the team', () => {
    const states = allStates(definitionOf(template, 'Workflow'));
    const tasks = Object.entries<any>(states).filter(([, state]) => state.Type === 'Task');
    for (const [name, task] of tasks) {
      if (task.Resource.startsWith('arn:aws:states:::lambda:invoke')) {
        expect(task.Retry.flatMap((retry: any) => retry.ErrorEquals), name).toContain('Runtime.ExitError');
      }
      const failureWait = task.Parameters?.Payload?.step === 'step_failure';
      const caught = (task.Catch ?? []).find((c: any) => c.ErrorEquals.includes('States.ALL'));
      if (failureWait) {
        const failed = task.Parameters.Payload.failedStep;
        if (isRequesterReplyState(failed)) {
          // The requester's reply: the team's `answered_otherwise` goes on to the close that follows it, any other decision runs it again.
          expect(states[task.Next], name).toEqual({
            Type: 'Choice',
            Choices: [{ Variable: '$.failure.decision', StringEquals: 'answered_otherwise', Next: states[failed].Next }],
            Default: failed,
          });
          expect(states[states[failed].Next].Parameters.status, name).toMatch(/^(completed|completed_no_data|rejected|cancelled|closed_unverified)$/);
        } else expect(task.Next, name).toBe(failed);
      } else if (!name.endsWith(': store failed')) expect(states[caught?.Next]?.Parameters.Payload, name).toMatchObject({ step: 'step_failure', failedStep: name });
    }
  });

  it('has one connector Lambda per inventory store, each in a collect and an erase round', () => {
    const connectors = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { STORE_ID: Match.anyValue() } } },
    });
    const storeIds = Object.values<any>(connectors).map((fn) => fn.Properties.Environment.Variables.STORE_ID).sort();
    expect(storeIds).toEqual(STORES.map((store) => store.id).sort());
    const workflow = allStates(definitionOf(template, 'Workflow'));
    for (const action of ['collect', 'erase']) {
      const round = allStates(definitionOf(template, `StoreWork${action[0]!.toUpperCase()}${action.slice(1)}`));
      for (const store of STORES) {
        const invoke = round[`${action} ${store.id}`];
        expect(invoke.Retry.flatMap((retry: any) => retry.ErrorEquals)).toContain('StoreUnavailableError');
        // A page that still fails leaves the store at its cursor, marked failed...
        expect(invoke.Catch.map((c: any) => c.Next)).toEqual([`${action}: store failed`]);
      }
      expect(round[`${action}: store failed`].Parameters).toMatchObject({ 'cursor.$': '$.cursor', done: false, failed: true });
      // ...and the workflow parks a failed store for the privacy team, then runs the next
      // round from its cursor: it is never skipped.
      expect(workflow[`${action} stores`].Resource).toBe('arn:aws:states:::states:startExecution.sync:2');
      const done = workflow[`${action}: stores done?`];
      expect(done.Choices[0]).toMatchObject({ Variable: `$.${action}.failed`, BooleanEquals: true, Next: `${action}: wait for the team` });
      expect(done.Choices[1]).toMatchObject({ Variable: `$.${action}.more`, BooleanEquals: true, Next: `${action} stores` });
      expect(workflow[`${action}: store failed`].Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      expect(workflow[`${action}: store failed`].Next).toBe(`${action}: retry from its cursor`);
      expect(workflow[`${action}: retry from its cursor`].Parameters).toEqual({ 'storeId.$': '$.store.storeId', 'cursor.$': '$.store.cursor', done: false });
      expect(workflow[`${action}: wait for the team`].Next).toBe(`${action} stores`);
    }
  });

  it('runs the store rounds as Express state machines that fit in 5 minutes, with logging and tracing', () => {
    const rounds = Object.entries<any>(template.findResources('AWS::StepFunctions::StateMachine')).filter(([id]) => id.startsWith('StoreWork'));
    expect(rounds).toHaveLength(2);
    for (const [, round] of rounds) {
      expect(round.Properties).toMatchObject({
        StateMachineType: 'EXPRESS',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: expect.objectContaining({ Level: 'ALL', IncludeExecutionData: false }),
      });
    }
    const tooSlow = () => new StoreWork(new Stack(), 'Rounds', { connectors: new Map(), connectorTimeout: Duration.minutes(2) });
    expect(tooSlow).toThrow(/a round can take 514 s with connectorTimeout 120 s and its retries, more than the 300 s/);
  });

  it('passes only ids and flags between states, never personal data', () => {
    for (const machine of ['Workflow', 'StoreWorkCollect', 'StoreWorkErase']) {
      expect(JSON.stringify(definitionOf(template, machine))).not.toMatch(/email|contact|accountId/i);
    }
  });

  it('runs every Lambda on nodejs24.x with tracing', () => {
    const functions = Object.values<any>(template.findResources('AWS::Lambda::Function'));
    const ours = functions.filter((fn) => fn.Metadata?.DsrEntry);
    expect(ours.length).toBeGreaterThan(STORES.length);
    for (const fn of ours) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('encrypts the requests table and the export bucket with a rotating customer key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } }),
        ],
      },
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }),
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'packages/', ExpirationInDays: 30 })]) },
    });
  });

  it('exposes the signed intake openly and the admin routes only behind Cognito', () => {
    const methods = Object.values<any>(template.findResources('AWS::ApiGateway::Method'));
    const open = methods.filter((m) => m.Properties.AuthorizationType === 'NONE');
    const guarded = methods.filter((m) => m.Properties.AuthorizationType === 'COGNITO_USER_POOLS');
    // POST intake, GET+POST identity link, POST resend-verification, GET download, GET openapi.json
    expect(open).toHaveLength(6);
    expect(guarded).toHaveLength(8); // list, file a request (team), detail, actions, restrictions list and lift, a mailed attachment, clear unfiled mail
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
  });

  it('starts a deadline watch whose timer is a Wait on the request’s next point', () => {
    const states = allStates(definitionOf(template, 'DeadlineWatch'));
    expect(states['Wait until next point']).toMatchObject({ Type: 'Wait', TimestampPath: '$.next.point.at' });
  });
});

describe('operations', () => {
  it('alarms on escalations, failures, failed stores and steps, notices given up on, a restriction release given up on, mail not filed, intake 5xx and a failed retention purge into one encrypted topic', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const alarms = Object.values<any>(template.findResources('AWS::CloudWatch::Alarm'));
    const metrics = alarms.map((alarm) => alarm.Properties.MetricName).sort();
    expect(metrics).toEqual(
      ['5XXError', 'DeadlineEscalations', 'DeadlineEscalations', 'Errors', 'ExecutionsFailed', 'ExecutionsFailed', 'ExecutionsFailed', 'ExecutionsFailed', 'ExecutionsTimedOut', 'MailNotFiled', 'StepFailures', 'StoreFailures'].sort(),
    );
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('alarms on the first mail to the privacy address that the intake did not file (over its rate limit)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'KiaraDsr',
      MetricName: 'MailNotFiled',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });
});
