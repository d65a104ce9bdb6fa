import { createHash } from 'node:crypto';
import { StartExecutionCommand, ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { computeDeadlines } from '../core/deadlines/index.js';
import { fieldErrors, intakeBodySchema, MAX_BODY_BYTES, requestedTypes } from '../core/intake/schema.js';
import { verifySignature } from '../core/intake/signature.js';
import type { DsrRequestRecord } from '../core/request/model.js';
import { documentClient, sfnClient } from '../shared/aws-clients.js';
import { requireEnv } from '../shared/env.js';
import { HttpError } from '../shared/http/errors.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { logger } from '../shared/logger.js';
import { RequestsRepo } from '../shared/requests-repo.js';
import { newRequestId } from '../shared/tokens.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { webhookSecrets } from './secrets.js';

const IDEMPOTENCY_HOURS = 24;

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const found = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1] ?? undefined;
}

/** Checks that cost nothing and change nothing come first: type, size, signature, shape. */
async function parseDelivery(event: APIGatewayProxyEvent, env: Record<string, string>) {
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the request as application/json.');
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    throw new HttpError(413, 'payload_too_large', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  }
  const signature = verifySignature(header(event, 'x-dsr-signature'), raw, await webhookSecrets(env));
  if (!signature.ok) throw new HttpError(401, signature.code!, 'The X-Dsr-Signature header is missing or not valid.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const result = intakeBodySchema.safeParse(parsed);
  if (!result.success) {
    throw new HttpError(400, 'validation_failed', 'The request has invalid fields.', fieldErrors(result.error));
  }
  return { body: result.data, raw, idempotencyKey: header(event, 'idempotency-key') };
}

async function startOnce(stateMachineArn: string, name: string, input: object) {
  try {
    await sfnClient().send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

export function createHandler(env: Record<string, string>) {
  const table = requireEnv(env, 'REQUESTS_TABLE');
  const stateMachineArn = requireEnv(env, 'STATE_MACHINE_ARN');
  const watchArn = requireEnv(env, 'WATCH_STATE_MACHINE_ARN');
  const repo = new RequestsRepo(table);
  const db = documentClient();

  /**
   * Maps a delivery to its request id, once: the first delivery of a key claims a new id,
   * repeats (retries, concurrent duplicates) within 24 hours get the same one.
   */
  async function requestIdFor(key: string): Promise<string> {
    const pk = `IDEMP#${createHash('sha256').update(key).digest('hex')}`;
    const candidate = newRequestId();
    try {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: {
            pk,
            sk: 'IDEMP',
            requestId: candidate,
            expiresAtEpoch: Math.floor(Date.now() / 1000) + IDEMPOTENCY_HOURS * 3600,
          },
          // An expired record may still exist until DynamoDB's TTL sweep removes it.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAtEpoch < :now',
          ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
        }),
      );
      return candidate;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: { pk, sk: 'IDEMP' }, ConsistentRead: true }));
      return String(Item!.requestId);
    }
  }

  return httpHandler('intake', async (event) => {
    const { body, raw, idempotencyKey } = await parseDelivery(event, env);
    const requestId = await requestIdFor(idempotencyKey ? `key:${idempotencyKey}` : `body:${raw}`);

    const receivedAt = new Date().toISOString();
    const deadlines = computeDeadlines(receivedAt);
    const record: DsrRequestRecord = {
      requestId,
      types: requestedTypes(body),
      status: 'awaiting_identity',
      locale: body.locale,
      channel: body.channel,
      receivedAt: deadlines.receivedAt,
      receiptDate: deadlines.receiptDate,
      deadlines: { initial: deadlines.initial, extended: deadlines.extended },
      contactEmail: body.email.trim().toLowerCase(),
      createdAt: receivedAt,
      updatedAt: receivedAt,
    };
    if (await repo.create(record)) {
      await repo.audit(requestId, {
        type: 'received',
        actor: `channel:${record.channel}`,
        details: { types: record.types, receiptDate: record.receiptDate, deadlines: record.deadlines },
      });
    }
    // A repeat delivery answers with the first delivery's dates.
    const stored = await repo.get(requestId);
    // Both executions are named by the request id: a repeat delivery cannot start a second.
    await startOnce(stateMachineArn, requestId, { requestId });
    await startOnce(watchArn, requestId, { requestId, after: null });
    logger.info('request accepted', { requestId, types: stored.types });
    return json(202, {
      requestId,
      receivedAt: stored.receivedAt,
      receiptDate: stored.receiptDate,
      deadline: stored.deadlines.initial.legal,
    });
  });
}

export const handler = lambdaEntry(createHandler);
