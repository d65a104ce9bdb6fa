import { describe, expect, it } from 'vitest';
import { clearUnfiledMail } from '../../../functions/admin/unfiled-mail.js';
import type { UnfiledMail, UnfiledMailClearance, UnfiledMailRepo } from '../../../functions/shared/ports/unfiled-mail.js';

const actor = 'alice@kiara-api.com';
const entry = (mailId: string, receivedAt: string): UnfiledMail => ({ mailId, objectKey: `inbound/${mailId}`, receivedAt, senderKnown: false, flags: [] });

/** Unfiled mail in memory, cleared as the table clears it: kept with its clearance, no longer listed. */
function memoryUnfiled(...entries: UnfiledMail[]) {
  const kept = new Map<string, UnfiledMail & Partial<UnfiledMailClearance>>(entries.map((mail) => [mail.mailId, mail]));
  const lookups: string[] = [];
  const repo: UnfiledMailRepo = {
    record: async (mail) => void kept.set(mail.mailId, mail),
    list: async () => ({ items: [...kept.values()].filter((mail) => !mail.clearedAt).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)), more: false }),
    async clear(mailId, clearance) {
      lookups.push(mailId);
      const mail = kept.get(mailId);
      if (!mail || mail.clearedAt) return false;
      kept.set(mailId, { ...mail, ...clearance });
      return true;
    },
  };
  return { repo, kept, lookups };
}

describe('clearing unfiled mail (use case on an in-memory repository)', () => {
  it('keeps who cleared it, when and the note, and answers what is still unfiled', async () => {
    const { repo, kept } = memoryUnfiled(entry('ses-2', '2026-11-30T10:00:00.000Z'), entry('ses-1', '2026-11-30T09:00:00.000Z'));
    const left = await clearUnfiledMail(repo, 'ses-1', { note: 'Filed as dsr_abc.' }, actor);
    expect(left).toEqual({ items: [entry('ses-2', '2026-11-30T10:00:00.000Z')], more: false });
    expect(kept.get('ses-1')).toMatchObject({ clearedBy: actor, clearedAt: expect.any(String), note: 'Filed as dsr_abc.' });
  });

  it('is 404 unfiled_mail_not_found for an entry cleared already or never listed, and for an id no message has, without a lookup', async () => {
    const { repo, lookups } = memoryUnfiled(entry('ses-1', '2026-11-30T09:00:00.000Z'));
    await clearUnfiledMail(repo, 'ses-1', { note: 'Spam.' }, actor);
    for (const mailId of ['ses-1', 'ses-9', '../ses-1', 'x'.repeat(101)]) {
      await expect(clearUnfiledMail(repo, mailId, { note: 'Again.' }, actor)).rejects.toMatchObject({ status: 404, code: 'unfiled_mail_not_found' });
    }
    expect(lookups).toEqual(['ses-1', 'ses-1', 'ses-9']);
  });
});
