import { requireEnv } from '../shared/env.js';
import { httpHandler } from '../shared/http/handler.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { LinkTokens } from '../shared/link-tokens.js';
import { RateLimiter } from '../shared/rate-limit.js';
import { DynamoRequestsRepo } from '../shared/requests-repo.js';
import { resendRoute } from './resend.js';
import { verifyRoute } from './verify.js';

/** The data subject's side of identity: the emailed link's page and its resend. */
export function createHandler(env: Record<string, string>) {
  const table = requireEnv(env, 'REQUESTS_TABLE');
  const deps = {
    repo: new DynamoRequestsRepo(table),
    links: new LinkTokens(table),
    limiter: new RateLimiter(table),
    publicApiUrl: requireEnv(env, 'PUBLIC_API_URL').replace(/\/$/, ''),
    senderEmail: requireEnv(env, 'SENDER_EMAIL'),
    identityPause: env.IDENTITY_PAUSE === 'true',
  };
  const verify = verifyRoute(deps);
  const resend = resendRoute(deps);
  return httpHandler('identity', async (event) =>
    event.resource?.endsWith('/resend-verification') ? resend(event) : verify(event));
}

export const handler = lambdaEntry(createHandler);
