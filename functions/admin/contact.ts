import * as z from 'zod';
import { replyAddressSchema } from '../core/intake/schema.js';
import { isOpen, type DsrRequestRecord } from '../core/request/model.js';
import { HttpError } from '../shared/http/errors.js';
import { deliverNotices, type NoticePorts } from './notices.js';

/** Something shaped like an email address, anywhere in a text. */
const ADDRESS_IN_TEXT = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/**
 * Why the team writes something down next to an address change. The audit keeps it, and
 * the audit carries no personal data: a note that quotes an address is refused.
 */
export const teamNote = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((note) => !ADDRESS_IN_TEXT.test(note), { message: 'Leave email addresses out of the note; the audit keeps it.', params: { code: 'address_in_note' } });

export const contactBody = z.strictObject({ email: replyAddressSchema, note: teamNote });

/**
 * Gives an open request whose subject is resolved another reply address (the requester's
 * was refused, or mistyped):
 * every email from now on goes to it (a retried reply, queued notices, the Art. 18(3) lift
 * notice), since each reads the address when it sends. The old address is overwritten; the
 * change is audited with who and why, never with either address. Queued notices are sent
 * to the new address at once (a notice the old one refused waits for nothing else).
 */
export async function changeContact(ports: NoticePorts, request: DsrRequestRecord, body: z.infer<typeof contactBody>, actor: string) {
  const { requestId } = request;
  if (!isOpen(request.status)) throw new HttpError(409, 'request_closed', 'The request is closed; its reply address no longer changes.');
  // Until ResolveSubject ran, the address decides whose data the request is about (the
  // identity link proved control of it, and the account is looked up by it): another one
  // would reach another person's data without that proof. A new request is filed instead.
  if (!request.subject) {
    throw new HttpError(409, 'subject_not_resolved', 'The account is not looked up yet, so the address still says whose data this is; file a new request for the other address.');
  }
  // The same address again changes nothing (a repeated call whose first try went through).
  const changed =
    request.contactEmail === body.email
      ? request
      : await ports.repo.update(requestId, { contactEmail: body.email, contactChange: { changedBy: actor, changedAt: new Date().toISOString(), note: body.note } });
  const change = changed.contactChange;
  // Recorded once per change, also when an earlier call stopped between the write and its event.
  if (change) {
    await ports.repo.recordOnce(
      requestId,
      { type: 'contact_changed', actor: change.changedBy, at: change.changedAt, details: { note: change.note } },
      'contact_changed',
    );
  }
  await deliverNotices(ports, requestId);
}
