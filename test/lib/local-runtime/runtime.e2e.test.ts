import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearMailbox,
  readMailbox,
  startLocalRuntime,
  synthesizeTemplate,
  type CfnTemplate,
  type InvocationRecord,
  type LocalRuntime,
} from '../../../lib/local-runtime/index.js';
import { buildFixtureStack } from './fixture/stack.js';
import { eventually, liveHandles } from './helpers.js';

const ADMIN_TOKEN = 'local-test-token';

let template: CfnTemplate;
let runtime: LocalRuntime;
let handlesBefore: Record<string, number>;
let db: DynamoDBDocumentClient;
let sfn: SFNClient;
let tableName: string;
const timings: Record<string, number> = {};
const invocations: InvocationRecord[] = [];

/** CDK's logical id of a top-level construct: its id and an 8-digit hash. */
const logicalId = (constructId: string) => Object.keys(template.Resources).find((id) => new RegExp(`^${constructId}[0-9A-F]{8}$`).test(id))!;

async function startRequest(id: string, overrides: Record<string, unknown> = {}) {
  const input = { id, holdUntil: new Date(Date.now() + 300).toISOString(), storeOutcome: 'ok', ...overrides };
  const response = await fetch(`${runtime.apiUrl}/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { response, input, body: (await response.json()) as { executionArn?: string; error?: { code: string } } };
}

/** The token the callback Lambda stored in the table, read back like a console would. */
async function storedToken(id: string): Promise<string> {
  return eventually(async () => {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: { pk: `REQ#${id}`, sk: 'TOKEN' } }));
    return Item?.token as string | undefined;
  });
}

beforeAll(async () => {
  handlesBefore = liveHandles();
  let t = performance.now();
  template = synthesizeTemplate(buildFixtureStack);
  timings.synthMs = performance.now() - t;
  t = performance.now();
  runtime = await startLocalRuntime({
    template,
    adminToken: ADMIN_TOKEN,
    // Short real retry intervals, so that the retry test shows them without waiting seconds.
    retryIntervalOverrides: { Store: 50 },
    onInvoke: (invocation) => invocations.push(invocation),
    extraRoutes: (req, res) => {
      if (!req.url?.startsWith('/console')) return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>console</h1>');
      return true;
    },
  });
  timings.startMs = performance.now() - t;
  // Clients configured like the handlers': from the AWS_* variables the runtime set.
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  sfn = new SFNClient({});
  tableName = runtime.names(logicalId('Requests'));
});

afterAll(async () => {
  db?.destroy();
  sfn?.destroy();
  await runtime?.stop();
  console.info(`local runtime timings (ms): ${JSON.stringify(timings)}`);
  // Nothing the runtime started may keep the process alive.
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const [kind, count] of Object.entries(liveHandles())) expect(count, kind).toBeLessThanOrEqual(handlesBefore[kind] ?? 0);
});

describe('workflow through the API and the SFN endpoint', () => {
  it('starts an execution from an API request, waits for the callback, the Wait and succeeds', async () => {
    const t = performance.now();
    const { response, body, input } = await startRequest('happy');
    expect(response.status).toBe(202);
    const executionArn = body.executionArn!;
    expect(executionArn).toBe(`arn:aws:states:eu-west-1:000000000000:execution:dsr-${logicalId('Workflow')}:happy`);

    const token = await storedToken('happy');
    const waiting = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(waiting.status).toBe('RUNNING');
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approvedBy: 'dpo' }) }));

    const done = await runtime.stepFunctions.waitForExecution(executionArn, { timeoutMs: 10_000 });
    timings.simpleExecutionMs = performance.now() - t;
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output.approval).toEqual({ approvedBy: 'dpo' });
    expect(output.store).toEqual({ attempts: 1, statusCode: 200 });
    // The Wait really waited until the TimestampPath instant.
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(Date.parse(input.holdUntil));

    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'happy', stateMachineArn: runtime.arn(logicalId('Workflow')) });
    expect(described.stopDate).toBeInstanceOf(Date);

    const record = await db.send(new GetCommand({ TableName: tableName, Key: { pk: 'REQ#happy', sk: 'RECORD' } }));
    expect(record.Item).toMatchObject({ executionId: executionArn, functionName: runtime.names(logicalId('Worker')) });
    expect(record.Item!.remainingMs).toBeGreaterThan(9_000);
    expect(record.Item!.remainingMs).toBeLessThanOrEqual(10_000);

    // The token is spent: AWS answers TaskTimedOut for a task that no longer exists.
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);

    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const types = events!.map((event) => event.type);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types).toContain('WaitStateEntered');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
  });

  it('routes SendTaskFailure to the Catch with its error and cause', async () => {
    const { body } = await startRequest('rejected');
    const token = await storedToken('rejected');
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'identity not confirmed' }));
    const done = await runtime.stepFunctions.waitForExecution(body.executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).rejection).toEqual({ Error: 'Rejected', Cause: 'identity not confirmed' });
  });

  it('retries the custom error, then catches it with an AWS-shaped Cause', async () => {
    const { body } = await startRequest('flaky', { storeOutcome: 'fail' });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await storedToken('flaky'), output: '{}' }));
    const done = await runtime.stepFunctions.waitForExecution(body.executionArn!, { timeoutMs: 10_000 });
    const { storeError } = JSON.parse(done.output!);
    expect(storeError.Error).toBe('TransientStoreError');
    const cause = JSON.parse(storeError.Cause);
    expect(cause).toMatchObject({ errorType: 'TransientStoreError', errorMessage: 'store for flaky is unavailable' });
    expect(cause.trace[0]).toBe('TransientStoreError: store for flaky is unavailable');
    // One attempt and the two retries of the Retry rule.
    const store = await db.send(new GetCommand({ TableName: tableName, Key: { pk: 'REQ#flaky', sk: 'STORE' } }));
    expect(store.Item!.attempts).toBe(3);
  });

  it('refuses a second execution of the same name, but repeats a start of the same running one', async () => {
    const first = await startRequest('twice');
    const again = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: runtime.arn(logicalId('Workflow')), name: 'twice', input: JSON.stringify(first.input) }),
    );
    expect(again.executionArn).toBe(first.body.executionArn);

    const second = await startRequest('twice');
    expect(second.response.status).toBe(409);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: runtime.arn(logicalId('Workflow')), name: 'twice', input: '{"id":"other"}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('stops an execution: ABORTED, listed as such, and its task token closed', async () => {
    const { body } = await startRequest('stopped');
    const token = await storedToken('stopped');
    await sfn.send(new StopExecutionCommand({ executionArn: body.executionArn!, error: 'Withdrawn', cause: 'the subject withdrew' }));
    const stopped = await runtime.stepFunctions.waitForExecution(body.executionArn!);
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'the subject withdrew' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);

    const { executions } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: runtime.arn(logicalId('Workflow')), statusFilter: 'ABORTED' }),
    );
    expect(executions!.map((e) => e.name)).toContain('stopped');
  });

  it('tells malformed and unknown task tokens apart like AWS', async () => {
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'nonsense', output: '{}' }))).rejects.toBeInstanceOf(InvalidToken);
    const unknown = `AQ${'x'.repeat(128)}`;
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: unknown, output: '{}' }))).rejects.toBeInstanceOf(TaskDoesNotExist);
    const missing = `arn:aws:states:eu-west-1:000000000000:execution:dsr-${logicalId('Workflow')}:missing`;
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: missing }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });
});

describe('API gateway', () => {
  it('protects Cognito methods with the admin token and passes its claims', async () => {
    const url = `${runtime.apiUrl}/v1/requests/happy`;
    const missing = await fetch(url);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const wrong = await fetch(url, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);

    const allowed = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(allowed.status).toBe(200);
    const body = (await allowed.json()) as { items: Array<{ sk: string }>; claims: Record<string, string> };
    expect(body.claims).toEqual({ sub: 'local-admin', email: 'privacy-team@localhost', 'cognito:groups': 'privacy-team' });
    expect(body.items.map((item) => item.sk)).toContain('RECORD');
  });

  it('builds a REST proxy event: greedy path, query, headers, binary body', async () => {
    const response = await fetch(`${runtime.apiUrl}/v1/files/a/b%20c/d.pdf?x=1&x=2&y=3`, {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf', 'X-Custom-Header': 'Kept' },
      body: Buffer.from([0, 1, 2, 255]),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-echo')).toBe('a, b');
    const event = (await response.json()) as Record<string, any>;
    expect(event).toMatchObject({
      resource: '/v1/files/{proxy+}',
      path: '/v1/files/a/b c/d.pdf',
      httpMethod: 'PUT',
      pathParameters: { proxy: 'a/b c/d.pdf' },
      queryStringParameters: { x: '2', y: '3' },
      multiValueQueryStringParameters: { x: ['1', '2'], y: ['3'] },
      isBase64Encoded: true,
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
      requestContext: { stage: 'local', resourcePath: '/v1/files/{proxy+}', identity: { sourceIp: '127.0.0.1' } },
    });
    expect(event.headers['X-Custom-Header']).toBe('Kept');
    expect(event.multiValueHeaders['X-Custom-Header']).toEqual(['Kept']);
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(typeof event.requestContext.requestTimeEpoch).toBe('number');
  });

  it('answers unknown routes 404, wrong methods 405 and oversized bodies 413', async () => {
    const notFound = await fetch(`${runtime.apiUrl}/v2/nothing`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ error: { code: 'not_found' } });
    const wrongMethod = await fetch(`${runtime.apiUrl}/v1/requests`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    const tooLarge = await fetch(`${runtime.apiUrl}/v1/requests`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(tooLarge.status).toBe(413);
  });

  it('answers 502 like API Gateway when the handler throws', async () => {
    const failed = await fetch(`${runtime.apiUrl}/v1/requests`, { method: 'POST', body: 'not json' });
    expect(failed.status).toBe(502);
    expect(await failed.json()).toEqual({ message: 'Internal server error' });
  });

  it('lets the caller serve extra routes on the same port', async () => {
    const page = await fetch(`${runtime.apiUrl}/console/index.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<h1>console</h1>');
  });
});

describe('emulated services', () => {
  it('pages ListObjectsV2 on a provisioned bucket', async () => {
    const s3 = new S3Client({ forcePathStyle: true });
    const Bucket = runtime.names(logicalId('Exports'));
    const keys = ['packages/r1/a.json', 'packages/r1/b.json', 'packages/r1/c.json', 'packages/r2/a.json', 'packages/r2/b.json'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket, Key, Body: '{}' }));
    const listed: string[] = [];
    let ContinuationToken: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: 2, ContinuationToken }));
      listed.push(...(page.Contents ?? []).map((object) => object.Key!));
      ContinuationToken = page.NextContinuationToken;
      pages++;
    } while (ContinuationToken);
    s3.destroy();
    expect(pages).toBe(3);
    expect(listed).toEqual(keys);
  });

  it('queries the global secondary index of a provisioned table', async () => {
    const { Items } = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'recorded' },
      }),
    );
    expect(Items!.length).toBeGreaterThan(0);
  });

  it('delivers email sent through SES to the local mailbox', async () => {
    const since = new Date();
    const ses = new SESClient({});
    await ses.send(
      new SendEmailCommand({
        Source: 'privacy@kiara.example',
        Destination: { ToAddresses: ['subject@example.com'] },
        Message: { Subject: { Data: 'Your request' }, Body: { Html: { Data: '<p>Done</p>' }, Text: { Data: 'Done' } } },
      }),
    );
    ses.destroy();
    const emails = await readMailbox(runtime.mailboxUrl, since);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      subject: 'Your request',
      from: 'privacy@kiara.example',
      destination: { to: ['subject@example.com'] },
      body: { html: '<p>Done</p>', text: 'Done' },
    });
    await clearMailbox(runtime.mailboxUrl);
    expect(await readMailbox(runtime.mailboxUrl)).toEqual([]);
  });

  it('invokes a function directly with the resolved environment, and reports the call to onInvoke', async () => {
    const before = invocations.length;
    const result = (await runtime.invokeFunction(logicalId('Worker'), { action: 'record', id: 'direct' })) as { recorded: boolean };
    expect(result).toEqual({ recorded: true });
    expect(invocations.slice(before)).toEqual([
      {
        logicalId: logicalId('Worker'),
        name: runtime.names(logicalId('Worker')),
        memorySize: (template.Resources[logicalId('Worker')]!.Properties as { MemorySize?: number }).MemorySize ?? 128,
        durationMs: expect.any(Number),
        failed: false,
      },
    ]);
    await expect(runtime.invokeFunction(logicalId('Worker'), { action: 'store', id: 'direct', fail: 'fail' })).rejects.toThrow(/unavailable/);
    expect(invocations.at(-1)).toMatchObject({ logicalId: logicalId('Worker'), failed: true });
    const intake = template.Resources[logicalId('Intake')]!.Properties as { Environment: { Variables: Record<string, unknown> } };
    expect(runtime.resolve(intake.Environment.Variables)).toEqual({
      TABLE_NAME: tableName,
      STATE_MACHINE_ARN: runtime.arn(logicalId('Workflow')),
    });
  });
});
