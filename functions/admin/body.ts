import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from 'zod';
import { HttpError } from '../shared/http/errors.js';
import { invalidInput } from '../shared/http/validation.js';

/** The JSON body of an admin call, checked by its schema: the one validation answer (400, field codes) otherwise. */
export function parseBody<S extends z.ZodType>(schema: S, event: APIGatewayProxyEvent): z.output<S> {
  let raw: unknown;
  try {
    raw = event.body ? JSON.parse(event.body) : undefined;
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}
