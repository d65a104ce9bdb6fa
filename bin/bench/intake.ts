import { randomBytes } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { signPayload } from '../../functions/core/intake/signature.js';
import { requestKeys } from '../../functions/core/request/keys.js';
import { intakeContract } from '../../functions/intake/contract.js';
import { createHandler } from '../../functions/intake/index.js';
import type { EnvironmentOf } from '../../functions/shared/contract.js';
import { documentClient, sfnClient } from '../../functions/shared/aws-clients.js';
import { newRequestId } from '../../functions/shared/tokens.js';
import { startLocalRuntime, synthesizeTemplate } from '../../lib/local-runtime/index.js';
import { lambdaContext, type BenchEnv, type BenchRow, type BenchSection } from './harness.js';
import { compareSides, runSide, type Side } from './side.js';

const SECRET = 'bench-webhook-secret';
/** Deliveries in flight at once, on both sides: an API serves callers in parallel. */
const CONCURRENCY = 8;
const REQUESTS = Number(process.env.BENCH_INTAKE_REQUESTS ?? 1000);

let sequence = 0;

/** A signed delivery of a new request: its own address, so no limit or duplicate applies. */
function delivery(): APIGatewayProxyEvent {
  const raw = JSON.stringify({ type: 'access', email: `bench-${++sequence}-${randomBytes(4).toString('hex')}@example.org` });
  return {
    httpMethod: 'POST',
    resource: '/v1/requests',
    path: '/v1/requests',
    headers: { 'content-type': 'application/json', 'x-dsr-signature': signPayload(SECRET, raw, Math.floor(Date.now() / 1000)) },
    body: raw,
    isBase64Encoded: false,
    requestContext: { requestId: randomBytes(8).toString('hex') },
  } as unknown as APIGatewayProxyEvent;
}

async function inParallel(count: number, work: () => Promise<void>) {
  let left = count;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (left-- > 0) await work();
  }));
}

/**
 * The two sides: the intake handler (signature, schema, the person item with limit and
 * claims, the request's conditional put, its audit event, one StartExecution) and what it
 * minimally must do: one conditional DynamoDB put of the request and one StartExecution.
 * Each runs `count` requests, CONCURRENCY at a time; events are built before the clock starts.
 */
export function intakeSides(table: string, workflowArn: string): Record<Side, (count: number) => Promise<void>> {
  const environment: EnvironmentOf<typeof intakeContract> = {
    REQUESTS_TABLE: table,
    STATE_MACHINE_ARN: workflowArn,
    // The secrets themselves, as the local runtime passes them: no Secrets Manager here.
    WEBHOOK_SECRET_ARN: 'unused-locally',
    WEBHOOK_SECRETS: SECRET,
    REQUEST_ID_KEY_ARN: 'unused-locally',
    REQUEST_ID_KEY: 'bench-request-id-key',
  };
  const intake = createHandler(environment);
  return {
    project: async (count) => {
      const events = Array.from({ length: count }, delivery);
      await inParallel(count, async () => {
        const response = await intake(events.pop()!, lambdaContext(15_000));
        if (response.statusCode !== 202) throw new Error(`intake answered ${response.statusCode}: ${response.body}`);
      });
    },
    baseline: (count) =>
      inParallel(count, async () => {
        const requestId = newRequestId();
        await documentClient().send(
          new PutCommand({
            TableName: table,
            Item: { pk: requestKeys.pk(requestId), sk: requestKeys.meta, requestId, status: 'awaiting_identity' },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        await sfnClient().send(new StartExecutionCommand({ stateMachineArn: workflowArn, name: requestId, input: JSON.stringify({ requestId }) }));
      }),
  };
}

/**
 * The intake against the bare loop, both on the local runtime's Step Functions endpoint (a
 * Pass machine, so no workflow runs behind it) and the bench's DynamoDB; each side in
 * processes of its own (bin/bench/side.ts), which reach that endpoint by the environment.
 */
export const intakeSection: BenchSection = {
  name: 'intake',
  async run(env: BenchEnv): Promise<BenchRow[]> {
    const template = synthesizeTemplate((app) => {
      const stack = new Stack(app, 'BenchIntake');
      new StateMachine(stack, 'Workflow', { definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Workflow start')) });
      return stack;
    });
    // The runtime points this process's endpoints at emulators of its own; the sides keep
    // the bench's DynamoDB, where the requests table is, and use the runtime's Step Functions.
    const dynamodb = process.env.AWS_ENDPOINT_URL_DYNAMODB!;
    const runtime = await startLocalRuntime({ template, prefix: 'bench' });
    try {
      const [machine] = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine')!;
      const workflowArn = runtime.stepFunctions.stateMachineArn(machine);
      const row = await compareSides(
        'intake (signed POST)',
        env.options.rounds,
        (side) =>
          runSide(
            { kind: 'intake', side, requests: REQUESTS, table: env.stores.requestsTable, workflowArn },
            { AWS_ENDPOINT_URL_DYNAMODB: dynamodb, AWS_ENDPOINT_URL_SFN: runtime.endpoints.sfn },
          ),
        env.log,
      );
      return [row];
    } finally {
      await runtime.stop();
    }
  },
};
