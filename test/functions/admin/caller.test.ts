import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { adminCaller, TOKEN_ACTOR } from '../../../functions/admin/caller.js';

/** A call to an admin route (a mailed attachment's, which hands out a file) as API Gateway passes it. */
const call = (claims: Record<string, string> | undefined, authorization?: string) =>
  ({
    resource: '/admin/requests/{id}/mail/{mailId}/attachments/{part}',
    headers: authorization ? { Authorization: authorization } : {},
    requestContext: { authorizer: claims ? { claims } : undefined },
  }) as unknown as APIGatewayProxyEvent;

describe('who may call the admin routes', () => {
  it('names a Cognito user of the privacy-team group (the audit records the address)', async () => {
    expect(await adminCaller(call({ sub: 'u1', email: 'alice@kiara-api.com', 'cognito:groups': 'support,privacy-team' }), {})).toBe('alice@kiara-api.com');
  });

  it('refuses a signed-in user outside the privacy-team group: 403 forbidden', async () => {
    for (const claims of [{ sub: 'u2', email: 'bob@kiara-api.com', 'cognito:groups': 'support' }, { sub: 'u3', email: 'eve@kiara-api.com' }, { 'cognito:groups': 'privacy-team-readers' }] as Record<string, string>[]) {
      await expect(adminCaller(call(claims), {})).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    }
  });

  it('with a bearer token configured (LocalStack), refuses a missing or wrong token: 401 unauthorized', async () => {
    await expect(adminCaller(call(undefined), { ADMIN_TOKEN: 'secret-token' })).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    await expect(adminCaller(call(undefined, 'Bearer guess'), { ADMIN_TOKEN: 'secret-token' })).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(await adminCaller(call(undefined, 'Bearer secret-token'), { ADMIN_TOKEN: 'secret-token' })).toBe(TOKEN_ACTOR);
  });
});
