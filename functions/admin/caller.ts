import { createHash, timingSafeEqual } from 'node:crypto';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError } from '../shared/http/errors.js';
import { header } from '../shared/http/request.js';
import type { ConfigOf } from '../shared/contract.js';
import type { adminContract } from './contract.js';

type TokenConfig = Pick<ConfigOf<typeof adminContract>, 'ADMIN_TOKEN' | 'ADMIN_TOKEN_SECRET_ARN'>;

/** The actor name audit events record for a call made with the LocalStack admin token. */
export const TOKEN_ACTOR = 'admin-token';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who calls the admin API, or a 401/403. In AWS the Cognito authorizer has already let
 * only signed-in users through; the handler checks the privacy-team group and names the
 * user. On LocalStack, whose community edition runs no authorizers, the stack sets
 * ADMIN_TOKEN_SECRET_ARN and the handler itself checks the bearer token (compared in
 * constant time). `ADMIN_TOKEN` is the same check with the value given directly.
 */
export async function adminCaller(event: APIGatewayProxyEvent, config: TokenConfig): Promise<string> {
  const expected = await adminToken(config);
  if (expected !== undefined) {
    const given = header(event, 'authorization')?.replace(/^Bearer\s+/i, '') ?? '';
    if (!expected || !timingSafeEqual(digest(given), digest(expected))) {
      throw new HttpError(401, 'unauthorized', 'A valid Authorization: Bearer <token> header is required.');
    }
    return TOKEN_ACTOR;
  }
  const claims = (event.requestContext.authorizer?.claims ?? {}) as Record<string, string>;
  const groups = String(claims['cognito:groups'] ?? '');
  if (!groups.split(/[,\s]+/).includes('privacy-team')) {
    throw new HttpError(403, 'forbidden', 'Only members of the privacy-team group may do this.');
  }
  return claims.email ?? claims.sub ?? 'unknown';
}

async function adminToken(config: TokenConfig): Promise<string | undefined> {
  if (config.ADMIN_TOKEN !== undefined) return config.ADMIN_TOKEN;
  if (!config.ADMIN_TOKEN_SECRET_ARN) return undefined;
  return (await getSecret<string>(config.ADMIN_TOKEN_SECRET_ARN, { maxAge: 300 })) ?? '';
}
