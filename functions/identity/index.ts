import { verifyPage, verifyResultPage } from '../core/render/index.js';
import { decideStep } from '../admin/decide.js';
import { requireEnv } from '../shared/env.js';
import { HttpError } from '../shared/http/errors.js';
import { httpHandler } from '../shared/http/handler.js';
import { html } from '../shared/http/response.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { LinkTokens } from '../shared/link-tokens.js';
import { logger } from '../shared/logger.js';
import { RequestsRepo } from '../shared/requests-repo.js';

/**
 * The identity link. GET only shows a page with a button (mail scanners that follow
 * links confirm nothing); its POST confirms, once, and resumes VerifyIdentity.
 */
export function createHandler(env: Record<string, string>) {
  const table = requireEnv(env, 'REQUESTS_TABLE');
  const publicApiUrl = requireEnv(env, 'PUBLIC_API_URL').replace(/\/$/, '');
  const repo = new RequestsRepo(table);
  const links = new LinkTokens(table);

  return httpHandler('identity', async (event) => {
    const token = event.pathParameters?.token ?? '';
    const link = await links.find('verify', token);
    const request = link ? await repo.find(link.requestId) : undefined;
    const locale = request?.locale ?? 'en';
    if (!link || !request) return html(404, verifyResultPage({ outcome: 'invalid', locale }));
    if (link.usedAt) return html(409, verifyResultPage({ outcome: 'already_used', locale }));
    if (Date.parse(link.expiresAt) < Date.now()) return html(410, verifyResultPage({ outcome: 'expired', locale }));

    if (event.httpMethod === 'GET') {
      return html(200, verifyPage({ locale, requestId: request.requestId, actionUrl: `${publicApiUrl}/v1/verify/${token}` }));
    }
    if (!(await links.markUsed('verify', token))) return html(409, verifyResultPage({ outcome: 'already_used', locale }));
    try {
      await decideStep(repo, { requestId: request.requestId, stepKey: 'verify_identity', decision: 'confirmed', actor: 'data-subject' });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      logger.info('identity step not pending', { code: error.code });
      return html(409, verifyResultPage({ outcome: 'already_used', locale }));
    }
    await repo.audit(request.requestId, { type: 'identity_verified', actor: 'data-subject', details: { method: 'email_link' } });
    return html(200, verifyResultPage({ outcome: 'confirmed', locale }));
  });
}

export const handler = lambdaEntry(createHandler);
