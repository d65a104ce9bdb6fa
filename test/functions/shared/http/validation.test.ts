import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { errorSchema } from '../../../../functions/core/intake/responses.js';
import { httpHandler } from '../../../../functions/shared/http/handler.js';
import { invalidInput, validationFailed } from '../../../../functions/shared/http/validation.js';

/** A route of any kind with its own schema: what a client sends it is refused alike. */
const windowSchema = z.strictObject({ status: z.enum(['open', 'closed']), days: z.number().int().min(1) });
const route = httpHandler('example', async (event) => {
  const parsed = windowSchema.safeParse(JSON.parse(event.body ?? '{}'));
  if (!parsed.success) throw invalidInput(parsed.error);
  return { statusCode: 204, body: '' };
});

const call = async (body: unknown) => {
  const answer = await route({ httpMethod: 'POST', body: JSON.stringify(body) } as APIGatewayProxyEvent, {} as Context);
  return { status: answer.statusCode, body: JSON.parse(answer.body) };
};

describe('one validation answer for every route', () => {
  it('is 400 validation_failed with a stable code per field, in the documented error schema', async () => {
    const { status, body } = await call({ status: 'pending', days: 0, sort: 'asc' });
    expect(status).toBe(400);
    expect(errorSchema.parse(body)).toEqual(body);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields.map((field: { path: string; code: string }) => `${field.path}:${field.code}`).sort()).toEqual([
      '(body):unknown_field',
      'days:too_short',
      'status:unknown_value',
    ]);
  });

  it('a check beyond the schema answers in the same shape, with its own message', async () => {
    const error = validationFailed([{ path: 'rights.erasure', code: 'ground_required', message: 'ground required' }], 'Decide each right once.');
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Decide each right once.' });
    expect(error.fields).toEqual([{ path: 'rights.erasure', code: 'ground_required', message: 'ground required' }]);
  });
});
