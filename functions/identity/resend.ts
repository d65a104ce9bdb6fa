import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ResendAccepted } from '../core/intake/responses.js';
import { acknowledgementOf } from '../shared/acknowledgement.js';
import { json } from '../shared/http/response.js';
import type { LinkTokens } from '../shared/link-tokens.js';
import { logger } from '../shared/logger.js';
import { sendOnce } from '../shared/mailer.js';
import type { Limit, RateLimiter } from '../shared/rate-limit.js';
import type { RequestsRepo } from '../shared/ports/requests-repo.js';
import { hashToken, isRequestId } from '../shared/tokens.js';

/** New identity links per request and day, on top of the acknowledgement's. */
export const RESEND_LIMIT: Limit = { scope: 'verify-resend', max: 3, windowSeconds: 86_400 };

/** One answer for every call, so that it tells nobody whether a request exists or waits. */
export const RESEND_ANSWER: ResendAccepted = {
  status: 'accepted',
  message:
    'If this request is waiting for its email address to be confirmed, a new link is on its way to that address (at most 3 a day).',
};

interface Deps {
  repo: RequestsRepo;
  links: LinkTokens;
  limiter: RateLimiter;
  publicApiUrl: string;
  senderEmail: string;
}

/**
 * `POST /v1/requests/{requestId}/resend-verification`: emails a fresh identity link to
 * the address the request was filed with, never to one the caller names. The new link
 * expires when the first one does, since the workflow's wait does not move.
 */
export function resendRoute({ repo, links, limiter, publicApiUrl, senderEmail }: Deps) {
  async function resend(requestId: string) {
    const filed = await repo.find(requestId);
    // A repeat of an open request is confirmed through that request (same address).
    const request = filed?.duplicateOf ? await repo.find(filed.duplicateOf) : filed;
    const expiresAt = request?.identityExpiresAt;
    if (!request || request.status !== 'awaiting_identity' || !expiresAt || Date.parse(expiresAt) <= Date.now()) return;
    if ((await repo.findStep(request.requestId, 'verify_identity'))?.status !== 'pending') return;
    if (!(await limiter.hit(RESEND_LIMIT, request.requestId)).allowed) {
      logger.info('resend limited', { requestId: request.requestId });
      return;
    }
    const token = await links.issue({ purpose: 'verify', requestId: request.requestId, expiresAt });
    await sendOnce(repo, {
      requestId: request.requestId,
      kind: `verification_resend#${hashToken(token).slice(0, 16)}`,
      from: senderEmail,
      to: request.contactEmail,
      email: acknowledgementOf(request, { verifyUrl: `${publicApiUrl}/v1/verify/${token}`, expiresAt }),
    });
  }

  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const requestId = event.pathParameters?.requestId ?? '';
    if (isRequestId(requestId)) await resend(requestId);
    return json(202, RESEND_ANSWER);
  };
}
