import type { MailAttachment } from '../core/mail/attachments.js';
import { HttpError } from '../shared/http/errors.js';
import { isRequestId } from '../shared/tokens.js';
import type { AttachmentLink } from './api-types.js';
import type { AdminPorts } from './ports.js';

const attachmentNotFound = () => new HttpError(404, 'attachment_not_found', 'No stored attachment with this request, mail and part.');

/** SES message ids (and the local listener's) are letters, digits and hyphens. */
export const MAIL_ID = /^[A-Za-z0-9-]{1,100}$/;
const PART = /^[1-9]\d{0,3}$/;

/**
 * `GET /admin/requests/{id}/mail/{mailId}/attachments/{part}`: a 5-minute link to one stored
 * attachment of the mail that opened the request or of a reply that joined it. Whatever is
 * not such an attachment, another request's included, is one 404, so the answer tells
 * nothing about other requests. Audited with who and which part; never the file name.
 */
export async function attachmentLink(
  ports: Pick<AdminPorts, 'repo' | 'messages' | 'attachmentLinks'>,
  path: { requestId: string; mailId: string; part: string },
  actor: string,
): Promise<AttachmentLink> {
  const { requestId, mailId } = path;
  if (!isRequestId(requestId) || !MAIL_ID.test(mailId) || !PART.test(path.part)) throw attachmentNotFound();
  const request = await ports.repo.find(requestId);
  // After the person's erasure their mail is gone, whatever the record still lists.
  if (!request || request.receivedMailErased) throw attachmentNotFound();
  const mail = request.mail?.mailId === mailId ? request.mail : (await ports.messages.list(requestId)).find((message) => message.mailId === mailId);
  const part = Number(path.part);
  const attachment = mail?.attachments.find((candidate: Partial<MailAttachment>) => candidate.part === part);
  if (!attachment || attachment.notStored) throw attachmentNotFound();
  const link = await ports.attachmentLinks.link(mailId, attachment);
  if (!link) throw attachmentNotFound();
  await ports.repo.audit(requestId, { type: 'attachment_downloaded', actor, details: { mailId, part } });
  return link;
}
