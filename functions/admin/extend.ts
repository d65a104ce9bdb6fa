import * as z from 'zod';
import { canExtend } from '../core/deadlines/index.js';
import { isOpen, type DsrRequestRecord } from '../core/request/model.js';
import { HttpError } from '../shared/http/errors.js';
import { deliverNotices, type NoticePorts } from './notices.js';

export const extendBody = z.strictObject({ reason: z.string().trim().min(1).max(5000) });

/**
 * Extends a request to three months (Art. 12(3)) and tells the requester exactly once.
 * The extension and its queued notice are one conditional write of the request item, so
 * neither exists without the other; the email then goes out. If it fails, the notice
 * stays pending (the console shows it) and the same call, repeated, sends it instead of
 * answering 409.
 */
export async function extendRequest(ports: NoticePorts, request: DsrRequestRecord, body: z.infer<typeof extendBody>, actor: string) {
  const { requestId } = request;
  const { repo } = ports;
  if (!isOpen(request.status)) throw new HttpError(409, 'request_closed', 'The request is closed; there is no deadline left to extend.');
  if (!(request.extension && request.outbox?.extension_notice)) {
    const allowed = canExtend(request.deadlines.initial.legal, new Date(), Boolean(request.extension));
    if (!allowed.ok) throw new HttpError(409, allowed.code, allowed.message);
    const extendedAt = new Date().toISOString();
    const extended = await repo.updateUnlessSet(requestId, 'extension', {
      extension: { reason: body.reason, extendedBy: actor, extendedAt },
      outbox: { ...request.outbox, extension_notice: { queuedAt: extendedAt } },
    });
    if (!extended) throw new HttpError(409, 'already_extended', 'The request was already extended.');
  }
  // Recorded once, also when an earlier call stopped between the extension and its event.
  if (!(await repo.auditTrail(requestId)).some((e) => e.type === 'extended')) {
    const extended = await repo.get(requestId);
    await repo.audit(requestId, {
      type: 'extended',
      actor: extended.extension!.extendedBy,
      details: { reason: extended.extension!.reason, deadlines: extended.deadlines.extended },
    });
  }
  await deliverNotices(ports, requestId);
}
