import { describe, expect, it } from 'vitest';
import { attachmentLink } from '../../../functions/admin/attachments.js';
import type { MailFacts } from '../../../functions/core/request/model.js';
import type { ReceivedMessage } from '../../../functions/shared/ports/messages-repo.js';
import { aRequest } from '../shared/request-record.js';
import { memoryPorts } from './ports.js';

const actor = 'alice@kiara-api.com';
const pass = 'PASS' as const;
const verdicts = { spf: pass, dkim: pass, dmarc: pass, spam: pass, virus: pass };
const mail: MailFacts = {
  mailId: 'ses-1',
  objectKey: 'inbound/ses-1',
  bytes: 900,
  verdicts,
  flags: [],
  held: false,
  subject: 'My data',
  attachments: [
    { part: 1, name: 'passport.pdf', contentType: 'application/pdf', bytes: 15 },
    { part: 2, name: 'scan.jpg', contentType: 'image/jpeg', bytes: 4, notStored: 'count_limit' },
  ],
};
const reply: ReceivedMessage = { ...mail, mailId: 'ses-2', objectKey: 'inbound/ses-2', receivedAt: '2026-06-16T10:00:00.000Z', fromContact: true, attachments: [{ part: 1, name: 'letter.pdf', contentType: 'application/pdf', bytes: 9 }] };

function setUp() {
  const mine = aRequest({ requestId: 'dsr_mine', channel: 'email', mail });
  const other = aRequest({ requestId: 'dsr_other', channel: 'email', mail: { ...mail, mailId: 'ses-9', objectKey: 'inbound/ses-9' } });
  const memory = memoryPorts(mine, other);
  const ports = { ...memory.ports, messages: { add: async () => true, list: async (requestId: string) => (requestId === 'dsr_mine' ? [reply] : []) } };
  return { ...memory, ports };
}

const audited = async (repo: ReturnType<typeof setUp>['repo'], requestId: string) =>
  (await repo.auditTrail(requestId)).filter((event) => event.type === 'attachment_downloaded');

describe('the privacy team’s download of a mailed attachment (use case on the in-memory repository)', () => {
  it('links a stored attachment of the opening mail or of a reply, and audits who took which part, without its name', async () => {
    const { ports, repo } = setUp();
    expect(await attachmentLink(ports, { requestId: 'dsr_mine', mailId: 'ses-1', part: '1' }, actor)).toEqual({
      url: 'https://inbound.example/attachments/ses-1/1',
      expiresAt: '2026-06-15T10:05:00.000Z',
    });
    expect((await attachmentLink(ports, { requestId: 'dsr_mine', mailId: 'ses-2', part: '1' }, actor)).url).toBe('https://inbound.example/attachments/ses-2/1');
    const events = await audited(repo, 'dsr_mine');
    expect(events.map((event) => [event.actor, event.details])).toEqual([
      [actor, { mailId: 'ses-1', part: 1 }],
      [actor, { mailId: 'ses-2', part: 1 }],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/passport|letter/);
  });

  it.each([
    ['another request’s mail', { requestId: 'dsr_mine', mailId: 'ses-9', part: '1' }],
    ['this mail under another request', { requestId: 'dsr_other', mailId: 'ses-1', part: '1' }],
    ['an unknown part', { requestId: 'dsr_mine', mailId: 'ses-1', part: '3' }],
    ['a part listed as not stored', { requestId: 'dsr_mine', mailId: 'ses-1', part: '2' }],
    ['a part that is no number', { requestId: 'dsr_mine', mailId: 'ses-1', part: '1e0' }],
    ['part 0', { requestId: 'dsr_mine', mailId: 'ses-1', part: '0' }],
    ['an odd mail id', { requestId: 'dsr_mine', mailId: '../ses-1', part: '1' }],
    ['an unknown request', { requestId: 'dsr_nobody', mailId: 'ses-1', part: '1' }],
    ['a malformed request id', { requestId: 'DSR-1', mailId: 'ses-1', part: '1' }],
  ])('answers 404 attachment_not_found for %s, and audits nothing', async (_, path) => {
    const { ports, repo } = setUp();
    await expect(attachmentLink(ports, path, actor)).rejects.toMatchObject({ status: 404, code: 'attachment_not_found' });
    expect(await audited(repo, 'dsr_mine')).toEqual([]);
    expect(await audited(repo, 'dsr_other')).toEqual([]);
  });

  it('answers 404 once an erasure of the person deleted the request’s mail', async () => {
    const { ports, repo } = setUp();
    await repo.update('dsr_mine', { receivedMailErased: { at: '2026-07-01T10:00:00.000Z', byRequestId: 'dsr_later' } });
    await expect(attachmentLink(ports, { requestId: 'dsr_mine', mailId: 'ses-1', part: '1' }, actor)).rejects.toMatchObject({ status: 404, code: 'attachment_not_found' });
  });

  it('answers 404 where no privacy mailbox is deployed (no bucket to link to)', async () => {
    const { ports } = setUp();
    await expect(attachmentLink({ ...ports, attachmentLinks: { link: async () => undefined } }, { requestId: 'dsr_mine', mailId: 'ses-1', part: '1' }, actor)).rejects.toMatchObject({ status: 404 });
  });
});
