import { readEnvironment } from '../shared/contract.js';
import { httpHandler } from '../shared/http/handler.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { LinkTokens } from '../shared/link-tokens.js';
import { RateLimiter } from '../shared/rate-limit.js';
import { DynamoRequestsRepo } from '../shared/requests-repo.js';
import { identityContract } from './contract.js';
import { resendRoute } from './resend.js';
import { verifyRoute } from './verify.js';

/** The data subject's side of identity: the emailed link's page and its resend. */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(identityContract, env);
  const table = config.REQUESTS_TABLE;
  const deps = {
    repo: new DynamoRequestsRepo(table),
    links: new LinkTokens(table),
    limiter: new RateLimiter(table),
    publicApiUrl: config.PUBLIC_API_URL,
    senderEmail: config.SENDER_EMAIL,
    identityPause: config.IDENTITY_PAUSE,
  };
  const verify = verifyRoute(deps);
  const resend = resendRoute(deps);
  return httpHandler('identity', async (event) =>
    event.resource?.endsWith('/resend-verification') ? resend(event) : verify(event));
}

export const handler = lambdaEntry(createHandler);
