import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpError } from '../../../../functions/shared/http/errors.js';
import { httpHandler, stepHandler } from '../../../../functions/shared/http/handler.js';
import { logger } from '../../../../functions/shared/logger.js';
import { captureLogs } from '../capture-logs.js';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'INFO';
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});

/** A Lambda context as the runtime hands it to the handler (one per invocation). */
function lambdaContext(functionName: string, awsRequestId: string): Context {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const step = stepHandler('acknowledge', async (event: { requestId: string }) => {
  logger.info('step ran');
  return event;
});
const admin = httpHandler('admin', async () => {
  throw new HttpError(400, 'invalid_cursor', 'Not a cursor of ours.');
});

let logs: ReturnType<typeof captureLogs>;
beforeAll(() => {
  logs = captureLogs();
});
afterAll(() => logs?.stop());

/** The JSON log lines with this message, parsed. */
const linesOf = (message: string) =>
  logs.lines.flatMap((line) => line.split('\n')).filter((line) => line.includes(`"${message}"`)).map((line) => JSON.parse(line));

describe('log keys are per invocation', () => {
  it('an HTTP handler’s lines carry its own route and Lambda request id, not the step’s request id before it', async () => {
    await step({ requestId: 'dsr_firstrequest' }, lambdaContext('kiara-Acknowledge', 'invocation-1'));
    const answer = await admin({ httpMethod: 'GET' } as APIGatewayProxyEvent, lambdaContext('kiara-Admin', 'invocation-2'));
    expect(answer.statusCode).toBe(400);

    const [stepLine] = linesOf('step ran');
    expect(stepLine).toMatchObject({ step: 'acknowledge', requestId: 'dsr_firstrequest', function_request_id: 'invocation-1' });
    const [rejected] = linesOf('rejected');
    expect(rejected).toMatchObject({ route: 'admin', code: 'invalid_cursor', function_request_id: 'invocation-2', function_name: 'kiara-Admin' });
    expect(rejected).not.toHaveProperty('requestId');
    expect(rejected).not.toHaveProperty('step');
  });

  it('a step after a failed HTTP invocation carries no route, and its own request id', async () => {
    await step({ requestId: 'dsr_secondrequest' }, lambdaContext('kiara-Acknowledge', 'invocation-3'));
    const second = linesOf('step ran').at(-1);
    expect(second).toMatchObject({ requestId: 'dsr_secondrequest', function_request_id: 'invocation-3' });
    expect(second).not.toHaveProperty('route');
    expect(second).not.toHaveProperty('code');
  });
});
