import { randomBytes } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { signPayload } from '../../functions/core/intake/signature.js';
import { requestKeys } from '../../functions/core/request/keys.js';
import { createHandler } from '../../functions/intake/index.js';
import { documentClient, sfnClient } from '../../functions/shared/aws-clients.js';
import { logger } from '../../functions/shared/logger.js';
import { newRequestId } from '../../functions/shared/tokens.js';
import { startLocalRuntime, synthesizeTemplate } from '../../lib/local-runtime/index.js';
import { lambdaContext, peakRssMb, timed, type BenchEnv, type BenchRow, type BenchSection } from './harness.js';

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
 * The intake handler (signature, schema, the person item with limit and claims, the
 * request's conditional put, its audit event, one StartExecution) against what it
 * minimally must do: one conditional DynamoDB put of the request and one StartExecution.
 * Both run on the local runtime's Step Functions endpoint (a Pass machine, so no workflow
 * runs behind it) and the bench's DynamoDB; events are built before the clock starts.
 */
export const intakeSection: BenchSection = {
  name: 'intake',
  async run(env: BenchEnv): Promise<BenchRow[]> {
    const template = synthesizeTemplate((app) => {
      const stack = new Stack(app, 'BenchIntake');
      new StateMachine(stack, 'Workflow', { definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Workflow start')) });
      return stack;
    });
    // Sets AWS_ENDPOINT_URL_SFN before the first SFN client of this process is made.
    const runtime = await startLocalRuntime({ template, prefix: 'bench' });
    const level = logger.getLevelName();
    logger.setLogLevel('WARN');
    try {
      const machines = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine');
      const arnOf = (id: string) => runtime.stepFunctions.stateMachineArn(machines.find(([key]) => key.startsWith(id))![0]);
      const workflowArn = arnOf('Workflow');
      const intake = createHandler({
        REQUESTS_TABLE: env.stores.requestsTable,
        STATE_MACHINE_ARN: workflowArn,
        WEBHOOK_SECRETS: SECRET,
        REQUEST_ID_KEY: 'bench-request-id-key',
      });
      const sides = {
        intake: async (count: number) => {
          const events = Array.from({ length: count }, delivery);
          return timed(() =>
            inParallel(count, async () => {
              const response = await intake(events.pop()!, lambdaContext(15_000));
              if (response.statusCode !== 202) throw new Error(`intake answered ${response.statusCode}: ${response.body}`);
            }),
          );
        },
        baseline: async (count: number) =>
          timed(() =>
            inParallel(count, async () => {
              const requestId = newRequestId();
              await documentClient().send(
                new PutCommand({
                  TableName: env.stores.requestsTable,
                  Item: { pk: requestKeys.pk(requestId), sk: requestKeys.meta, requestId, status: 'awaiting_identity' },
                  ConditionExpression: 'attribute_not_exists(pk)',
                }),
              );
              await sfnClient().send(new StartExecutionCommand({ stateMachineArn: workflowArn, name: requestId, input: JSON.stringify({ requestId }) }));
            }),
          ),
      };
      // Warm-up (module loading, sockets, JIT), then best of `rounds`, alternating the order.
      await sides.intake(50);
      await sides.baseline(50);
      const best = { intake: Infinity, baseline: Infinity, intakeCpu: Infinity, baselineCpu: Infinity };
      for (let round = 0; round < env.options.rounds; round++) {
        const order = round % 2 === 0 ? (['intake', 'baseline'] as const) : (['baseline', 'intake'] as const);
        for (const side of order) {
          const run = await sides[side](REQUESTS);
          env.log(`intake: ${side} ${REQUESTS} requests in ${(run.ms / 1000).toFixed(1)} s`);
          best[side] = Math.min(best[side], run.ms);
          best[`${side}Cpu`] = Math.min(best[`${side}Cpu`], run.cpuMs);
        }
      }
      return [
        {
          operation: 'intake (signed POST)',
          items: REQUESTS,
          connectorMs: best.intake,
          baselineMs: best.baseline,
          connectorCpuMs: best.intakeCpu,
          baselineCpuMs: best.baselineCpu,
          invocations: REQUESTS,
          peakRssMb: peakRssMb(),
        },
      ];
    } finally {
      logger.setLogLevel(level);
      await runtime.stop();
    }
  },
};
