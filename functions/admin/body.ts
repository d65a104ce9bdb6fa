import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from 'zod';
import { HttpError } from '../shared/http/errors.js';

/** The JSON body of an admin call, checked by its schema: 400 with field codes otherwise. */
export function parseBody<S extends z.ZodType>(schema: S, event: APIGatewayProxyEvent): z.output<S> {
  let raw: unknown;
  try {
    raw = event.body ? JSON.parse(event.body) : undefined;
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new HttpError(400, 'validation_failed', 'The request has invalid fields.',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message })));
  }
  return result.data;
}
