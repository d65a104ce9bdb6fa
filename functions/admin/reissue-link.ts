import type { DsrRequestRecord } from '../core/request/model.js';
import { HttpError } from '../shared/http/errors.js';
import { deliverNotices, type NoticePorts } from './notices.js';

/**
 * Sends the requester a new download link while the package exists; once it is out, the
 * earlier links stop working. The new link is queued as a notice (its id only), so it is
 * emailed exactly once even if the mail provider fails (then it stays pending).
 */
export async function reissueLink(ports: NoticePorts, request: DsrRequestRecord, actor: string) {
  const { requestId } = request;
  if (!request.package || !request.downloadLink) throw new HttpError(409, 'no_package', 'The request has no access package with a download link.');
  if (Date.parse(request.downloadLink.packageExpiresAt) <= Date.now()) {
    throw new HttpError(409, 'package_expired', 'The access package has been deleted; the requester can file a new request.');
  }
  // A link still waiting to go out is sent, not replaced by another.
  if (!request.outbox?.download_link) {
    const queuedAt = new Date().toISOString();
    await ports.repo.update(requestId, { outbox: { ...request.outbox, download_link: { queuedAt, linkId: ports.downloadLinks.newLinkId() } } });
    await ports.repo.audit(requestId, { type: 'download_link_reissued', actor });
  }
  await deliverNotices(ports, requestId);
}
