import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { verifyPage, verifyResultPage, type VerifyOutcome } from '../core/render/index.js';
import type { Locale } from '../core/inventory/types.js';
import { decideStep } from '../shared/decide-step.js';
import { HttpError } from '../shared/http/errors.js';
import { html } from '../shared/http/response.js';
import { header } from '../shared/http/request.js';
import type { LinkTokens } from '../shared/link-tokens.js';
import { logger } from '../shared/logger.js';
import { limitKey, type Limit, type RateLimiter } from '../shared/rate-limit.js';
import type { RequestsRepo } from '../shared/ports/requests-repo.js';
import { stepFunctionsCallbacks } from '../shared/step-functions-callbacks.js';
import { isLinkToken } from '../shared/tokens.js';
import { applyIdentityPauses } from '../core/deadlines/index.js';
import type { DsrRequestRecord } from '../core/request/model.js';

/**
 * Unknown tokens per client address and quarter hour. A 256-bit token cannot be guessed,
 * so a client that keeps presenting unknown ones is probing or broken; either way it waits.
 */
export const GUESS_LIMIT: Limit = { scope: 'verify-client', max: 10, windowSeconds: 900 };
/**
 * Failed uses of one request's links (expired, or a POST that could not confirm) per
 * quarter hour; past it even a good link of that request shows the 'locked' page.
 */
export const FAILURE_LIMIT: Limit = { scope: 'verify-request', max: 5, windowSeconds: 900 };

interface Deps {
  repo: RequestsRepo;
  links: LinkTokens;
  limiter: RateLimiter;
  publicApiUrl: string;
  identityPause: boolean;
}

/**
 * With the identity pause on, the legal clock stood still from the acknowledgement that
 * asked for the confirmation until now; the legal dates move by those Amsterdam days.
 */
async function recordIdentityPause(repo: RequestsRepo, request: DsrRequestRecord) {
  const asked = await repo.findStep(request.requestId, 'verify_identity');
  if (!asked) return;
  const pause = { start: asked.createdAt, end: new Date().toISOString() };
  const moved = applyIdentityPauses(
    { receivedAt: request.receivedAt, receiptDate: request.receiptDate, ...request.deadlines },
    [pause],
    { identityPause: true },
  );
  await repo.update(request.requestId, {
    identityPauses: [pause],
    deadlines: { initial: moved.initial, extended: moved.extended },
  });
  await repo.audit(request.requestId, {
    type: 'identity_pause',
    actor: 'workflow',
    details: { ...pause, legalBefore: request.deadlines.initial.legal, legalAfter: moved.initial.legal },
  });
}

function page(status: number, outcome: VerifyOutcome, locale: Locale, retryAfter?: number): APIGatewayProxyResult {
  const response = html(status, verifyResultPage({ outcome, locale }));
  return retryAfter ? { ...response, headers: { ...response.headers, 'retry-after': String(retryAfter) } } : response;
}

/**
 * The identity link. GET only shows a page with a button (mail scanners that follow
 * links confirm nothing); its POST confirms, once, and resumes VerifyIdentity. Every
 * answer depends on the token alone, never on whether the address has an account.
 */
export function verifyRoute({ repo, links, limiter, publicApiUrl, identityPause }: Deps) {
  const ownOrigin = new URL(publicApiUrl).origin;
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const token = event.pathParameters?.token ?? '';
    // No token of ours looks like this: nothing to look up, and no guess to count.
    if (!isLinkToken(token)) return page(404, 'invalid', 'en');
    // A browser names the page a POST comes from: only our own page may confirm (the
    // page's referrer policy keeps its origin in the header). Clients without Origin pass.
    const origin = header(event, 'origin');
    if (event.httpMethod === 'POST' && origin !== undefined && origin !== ownOrigin) {
      throw new HttpError(403, 'origin_mismatch', 'A confirmation must be sent from the identity page itself; nothing was confirmed.');
    }
    const client = limitKey(`ip:${event.requestContext?.identity?.sourceIp ?? 'unknown'}`);
    const guesses = await limiter.check(GUESS_LIMIT, client);
    if (!guesses.allowed) return page(429, 'locked', 'en', guesses.retryAfter);

    const link = await links.find('verify', token);
    const request = link ? await repo.find(link.requestId) : undefined;
    if (!link || !request) {
      await limiter.hit(GUESS_LIMIT, client);
      return page(404, 'invalid', 'en');
    }
    const { locale, requestId } = request;
    const failures = await limiter.check(FAILURE_LIMIT, requestId);
    if (!failures.allowed) return page(429, 'locked', locale, failures.retryAfter);
    const failed = async (status: number, outcome: VerifyOutcome) => {
      await limiter.hit(FAILURE_LIMIT, requestId);
      return page(status, outcome, locale);
    };
    // A used link's POST is the requester trying again after an error page: the first
    // try may have died after using the link, and finishes here (decideStep repeats it).
    const usedBefore = link.usedAt !== undefined;
    if (usedBefore && event.httpMethod === 'GET') return page(409, 'already_used', locale);
    if (!usedBefore && Date.parse(link.expiresAt) < Date.now()) return failed(410, 'expired');

    if (event.httpMethod === 'GET') {
      return html(200, verifyPage({ locale, requestId, actionUrl: `${publicApiUrl}/v1/verify/${token}` }));
    }
    if (!usedBefore && !(await links.markUsed('verify', token))) return failed(409, 'already_used');
    try {
      await decideStep({ repo, callbacks: stepFunctionsCallbacks }, { requestId, stepKey: 'verify_identity', decision: 'confirmed', actor: 'data-subject' });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      logger.info('identity step not pending', { code: error.code });
      return usedBefore ? page(409, 'already_used', locale) : failed(409, 'already_used');
    }
    await repo.audit(requestId, { type: 'identity_verified', actor: 'data-subject', details: { method: 'email_link' } });
    if (identityPause) await recordIdentityPause(repo, request);
    return page(200, 'confirmed', locale);
  };
}
