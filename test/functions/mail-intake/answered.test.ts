import { describe, expect, it } from 'vitest';
import { InMemoryRequestsRepo } from '../../../functions/shared/in-memory-requests-repo.js';
import { answeredRequest } from '../../../functions/mail-intake/answered.js';
import { aRequest } from '../shared/request-record.js';

const OPEN = 'dsr_mgx3k2ab0123456789abcdef0001';
const OTHER = 'dsr_mgx3k2ab0123456789abcdef0002';
const CLOSED = 'dsr_mgx3k2ab0123456789abcdef0003';

async function repoWithSentMail() {
  const repo = new InMemoryRequestsRepo([
    aRequest({ requestId: OPEN }),
    aRequest({ requestId: OTHER }),
    aRequest({ requestId: CLOSED, status: 'completed', closedAt: '2026-06-20T10:00:00.000Z' }),
  ]);
  for (const [requestId, messageId] of [[OPEN, 'ses-open'], [CLOSED, 'ses-closed']] as const) {
    await repo.claimMail(requestId, 'acknowledgement', 60_000);
    await repo.markMailSent(requestId, 'acknowledgement', messageId);
  }
  return repo;
}

describe('the request a received mail answers', () => {
  it('is the one an email it names in In-Reply-To/References went out for, whatever its subject', async () => {
    const repo = await repoWithSentMail();
    expect((await answeredRequest(repo, { answersMail: ['unknown', 'ses-open'] }))?.requestId).toBe(OPEN);
    expect((await answeredRequest(repo, { answersMail: ['ses-open'], answers: OTHER }))?.requestId).toBe(OPEN);
  });

  it('is the one its subject tag names when its headers name no email of ours', async () => {
    const repo = await repoWithSentMail();
    expect((await answeredRequest(repo, { answersMail: ['unknown'], answers: OTHER }))?.requestId).toBe(OTHER);
  });

  it('is none for a closed request or a message that names nothing: such mail is a new request', async () => {
    const repo = await repoWithSentMail();
    expect(await answeredRequest(repo, { answersMail: ['ses-closed'] })).toBeUndefined();
    expect(await answeredRequest(repo, { answersMail: [], answers: CLOSED })).toBeUndefined();
    expect(await answeredRequest(repo, { answersMail: [] })).toBeUndefined();
  });
});
