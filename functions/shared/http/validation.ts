import type * as z from 'zod';
import type { FieldError } from '../../core/intake/responses.js';
import { fieldErrors } from '../../core/intake/schema.js';
import { HttpError } from './errors.js';

/**
 * The one answer of every route to input that fails its checks: 400 `validation_failed`
 * with `fields: [{ path, code, message }]`, one entry per invalid field and a stable code
 * a client can act on (the intake's codes, functions/core/intake/schema.ts; API Gateway's
 * own schema refusal answers in the same shape, lib/constructs/dsr-api.ts).
 */
export function validationFailed(fields: FieldError[], message = 'The request has invalid fields.'): HttpError {
  return new HttpError(400, 'validation_failed', message, fields);
}

/** A schema's refusal as the one validation answer. */
export function invalidInput(error: z.ZodError, message?: string): HttpError {
  return validationFailed(fieldErrors(error), message);
}
