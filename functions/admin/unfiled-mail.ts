import * as z from 'zod';
import { HttpError } from '../shared/http/errors.js';
import type { UnfiledMailList, UnfiledMailRepo } from '../shared/ports/unfiled-mail.js';
import { MAIL_ID } from './attachments.js';

/** `POST /admin/unfiled-mail/{mailId}/clear`: what became of the mail (the request filed from it, or why it is none), for the record. */
export const clearBody = z.strictObject({ note: z.string().trim().min(1).max(1000) });

/**
 * Clears one entry of the mail the intake did not file, once the team has dealt with it:
 * kept with who, when and the note, no longer listed. Answers what is still unfiled. An id
 * no message can have, one never listed, or one cleared already is `404 unfiled_mail_not_found`.
 */
export async function clearUnfiledMail(repo: UnfiledMailRepo, mailId: string, body: z.infer<typeof clearBody>, actor: string): Promise<UnfiledMailList> {
  const cleared = MAIL_ID.test(mailId) && (await repo.clear(mailId, { clearedBy: actor, clearedAt: new Date().toISOString(), note: body.note }));
  if (!cleared) throw new HttpError(404, 'unfiled_mail_not_found', 'No mail with this id waits to be filed (unknown, or cleared already).');
  return repo.list();
}
