import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody, sendJson, type LocalServer } from '../http-util.js';
import { SfnApiError } from './errors.js';
import type { ExecutionStatus, LocalStepFunctions } from './executions.js';

type Request = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** The SFN operations the runtime answers, by X-Amz-Target operation name. */
function operations(sfn: LocalStepFunctions): Record<string, (request: Request) => unknown> {
  return {
    StartExecution: (r) => sfn.startExecution({ stateMachineArn: String(r.stateMachineArn), name: str(r.name), input: str(r.input) }),
    DescribeExecution: (r) => sfn.describeExecution(String(r.executionArn)),
    ListExecutions: (r) =>
      sfn.listExecutions({
        stateMachineArn: String(r.stateMachineArn),
        statusFilter: str(r.statusFilter) as ExecutionStatus | undefined,
        maxResults: num(r.maxResults),
        nextToken: str(r.nextToken),
      }),
    StopExecution: (r) => sfn.stopExecution(String(r.executionArn), str(r.error), str(r.cause)),
    GetExecutionHistory: (r) =>
      sfn.getExecutionHistory(String(r.executionArn), {
        reverseOrder: r.reverseOrder === true,
        maxResults: num(r.maxResults),
        nextToken: str(r.nextToken),
      }),
    SendTaskSuccess: (r) => sfn.sendTaskSuccess(String(r.taskToken), String(r.output)),
    SendTaskFailure: (r) => sfn.sendTaskFailure(String(r.taskToken), str(r.error), str(r.cause)),
    SendTaskHeartbeat: (r) => sfn.sendTaskHeartbeat(String(r.taskToken)),
  };
}

/** The JSON 1.0 protocol carries timestamps as epoch seconds. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}

/**
 * An HTTP endpoint speaking the Step Functions API the AWS SDK v3 SFNClient uses (POST /,
 * `X-Amz-Target: AWSStepFunctions.<Operation>`, application/x-amz-json-1.0). Errors are
 * AWS JSON errors whose `__type` makes the SDK throw the named exception.
 */
export function startSfnServer(sfn: LocalStepFunctions): Promise<LocalServer> {
  const ops = operations(sfn);
  return listen(async (req: IncomingMessage, res: ServerResponse) => {
    const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() };
    const fail = (status: number, type: string, message: string) =>
      sendJson(res, status, { __type: type, message }, { ...headers, 'x-amzn-errortype': type });
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const op = ops[target.replace(/^AWSStepFunctions\./, '')];
      if (req.method !== 'POST' || !target.startsWith('AWSStepFunctions.') || !op) {
        return fail(400, 'UnknownOperationException', `The local runtime does not implement ${target || req.method}`);
      }
      const body = (await readBody(req, 1024 * 1024)).toString('utf8');
      const result = op(body ? (JSON.parse(body) as Request) : {});
      sendJson(res, 200, toWire(result ?? {}), headers);
    } catch (error) {
      if (error instanceof SfnApiError) return fail(400, error.type, error.message);
      if (error instanceof SyntaxError) return fail(400, 'SerializationException', error.message);
      fail(500, 'InternalFailure', (error as Error).message);
    }
  }, 0);
}
