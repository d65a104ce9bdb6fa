import type { APIGatewayProxyEvent } from 'aws-lambda';
import { intakeBodySchema, MAX_BODY_BYTES, type IntakeBody } from '../core/intake/schema.js';
import { verifySignature } from '../core/intake/signature.js';
import { HttpError } from '../shared/http/errors.js';
import { header } from '../shared/http/request.js';
import { invalidInput } from '../shared/http/validation.js';

export interface Delivery {
  body: IntakeBody;
  raw: string;
  idempotencyKey?: string;
}

/**
 * Checks that cost nothing and change nothing come first: type, size, signature, shape.
 * Every failure is an HttpError (4xx with a code); nothing is stored before this returns.
 */
export async function parseDelivery(event: APIGatewayProxyEvent, secrets: () => Promise<string[]>): Promise<Delivery> {
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the request as application/json.');
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    throw new HttpError(413, 'payload_too_large', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  }
  const signature = verifySignature(header(event, 'x-dsr-signature'), raw, await secrets());
  if (!signature.ok) throw new HttpError(401, signature.code!, 'The X-Dsr-Signature header is missing or not valid.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const result = intakeBodySchema.safeParse(parsed);
  if (!result.success) throw invalidInput(result.error);
  const idempotencyKey = header(event, 'idempotency-key');
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1-255 visible ASCII characters.');
  }
  return { body: result.data, raw, idempotencyKey };
}
