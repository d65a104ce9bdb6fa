import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ACTIONS, actionNamed } from '../../../functions/admin/actions.js';
import { aRequest } from '../shared/request-record.js';
import { memoryPorts } from './ports.js';

const post = (body: string) => ({ body }) as APIGatewayProxyEvent;

describe('the admin actions table', () => {
  it('names every action in the shape the handler admits, and nothing inherited', () => {
    for (const name of Object.keys(ACTIONS)) expect(name).toMatch(/^[a-z][a-z-]{0,39}$/);
    expect(actionNamed('approve')).toBe(ACTIONS.approve);
    for (const name of ['constructor', 'tostring', 'hasownproperty', 'unknown']) expect(actionNamed(name)).toBeUndefined();
  });

  it('checks the body against the action’s schema before the use case runs: 400 with field codes, nothing changed', async () => {
    const request = aRequest({ requestId: 'dsr_body' });
    const { ports, repo } = memoryPorts(request);
    const call = { request, actor: 'alice@kiara-api.com' };
    await expect(ACTIONS.extend(ports, { ...call, event: post('{"reason":"   "}') })).rejects.toMatchObject({
      status: 400,
      code: 'validation_failed',
      fields: [expect.objectContaining({ path: 'reason' })],
    });
    await expect(ACTIONS.extend(ports, { ...call, event: post('{') })).rejects.toMatchObject({ status: 400, code: 'invalid_json' });
    expect((await repo.get(request.requestId)).extension).toBeUndefined();
  });
});
