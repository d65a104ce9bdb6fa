import { HttpError } from '../shared/http/errors.js';
import type { RequestDetail } from './api-types.js';
import type { AdminPorts } from './ports.js';
import { detailView } from './views.js';

export const requestNotFound = () => new HttpError(404, 'request_not_found', 'No request with this id.');

/** `GET /admin/requests/{id}`: the request and everything recorded with it; 404 when there is none. */
export async function requestDetail(ports: Pick<AdminPorts, 'repo' | 'messages' | 'storeResults'>, requestId: string): Promise<RequestDetail> {
  const { repo } = ports;
  const request = await repo.find(requestId);
  if (!request) throw requestNotFound();
  const [audit, steps, stores, mails, messages] = await Promise.all([
    repo.auditTrail(requestId),
    repo.pendingSteps(requestId),
    ports.storeResults(requestId),
    repo.sentMails(requestId),
    ports.messages.list(requestId),
  ]);
  return detailView(request, { audit, steps, stores, mails, messages });
}
