import type { DsrRequestRecord } from '../core/request/model.js';
import { newLinkId } from '../shared/download-links.js';
import { HttpError } from '../shared/http/errors.js';
import { deliverNotices, type NoticeEnv } from './notices.js';

/**
 * Sends the requester a new download link while the package exists; once it is out, the
 * earlier links stop working. The new link is queued as a notice (its id only), so it is
 * emailed exactly once even if the mail provider fails (then it stays pending).
 */
export async function reissueLink(env: NoticeEnv, request: DsrRequestRecord, actor: string) {
  const { requestId } = request;
  if (!request.package || !request.downloadLink) throw new HttpError(409, 'no_package', 'The request has no access package with a download link.');
  if (Date.parse(request.downloadLink.packageExpiresAt) <= Date.now()) {
    throw new HttpError(409, 'package_expired', 'The access package has been deleted; the requester can file a new request.');
  }
  // A link still waiting to go out is sent, not replaced by another.
  if (!request.outbox?.download_link) {
    const queuedAt = new Date().toISOString();
    await env.repo.update(requestId, { outbox: { ...request.outbox, download_link: { queuedAt, linkId: newLinkId() } } });
    await env.repo.audit(requestId, { type: 'download_link_reissued', actor });
  }
  await deliverNotices(env, requestId);
}
