import { describe, expect, it } from 'vitest';
import { extendRequest } from '../../../functions/admin/extend.js';
import { aRequest } from '../shared/request-record.js';
import { clockAt, memoryPorts } from './ports.js';

const actor = 'alice@kiara-api.com';
const body = { reason: 'Many media files to review.' };

clockAt('2026-06-20T10:00:00Z');

describe('extending a request (use case on the in-memory repository)', () => {
  it('extends once, audits it and tells the requester once; a second extension is 409 already_extended', async () => {
    const request = aRequest({ requestId: 'dsr_extend' });
    const { ports, repo, sent } = memoryPorts(request);
    await extendRequest(ports, request, body, actor);
    const extended = await repo.get(request.requestId);
    expect(extended.extension).toMatchObject({ reason: body.reason, extendedBy: actor, subjectNotifiedAt: expect.any(String) });
    expect(extended.outbox).toEqual({});
    expect(sent.map((mail) => [mail.kind, mail.to])).toEqual([['extension_notice', 'jane@example.com']]);
    expect((await repo.auditTrail(request.requestId)).filter((event) => event.type === 'extended')).toHaveLength(1);

    await expect(extendRequest(ports, extended, { reason: 'Again.' }, actor)).rejects.toMatchObject({ status: 409, code: 'already_extended' });
    expect((await repo.get(request.requestId)).extension?.reason).toBe(body.reason);
    expect(sent).toHaveLength(1);
  });

  it('lets one of two concurrent extensions win: the other is 409 and its reason is not kept', async () => {
    const request = aRequest({ requestId: 'dsr_race' });
    const { ports, repo } = memoryPorts(request);
    const outcomes = await Promise.allSettled([
      extendRequest(ports, request, body, actor),
      extendRequest(ports, request, { reason: 'Other reason.' }, 'bob@kiara-api.com'),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await repo.get(request.requestId)).extension?.reason).toBe(body.reason);
  });

  it('keeps the notice pending when the email fails, and sends it (not 409) when the team repeats the call', async () => {
    const request = aRequest({ requestId: 'dsr_notice' });
    const { ports, repo, sent, mail } = memoryPorts(request);
    mail.failing = true;
    await extendRequest(ports, request, body, actor);
    const pending = await repo.get(request.requestId);
    expect(Object.keys(pending.outbox ?? {})).toEqual(['extension_notice']);
    expect(sent).toEqual([]);

    mail.failing = false;
    await extendRequest(ports, pending, body, actor);
    expect((await repo.get(request.requestId)).outbox).toEqual({});
    expect(sent.map((email) => email.kind)).toEqual(['extension_notice']);
  });

  it('refuses a closed request (409 request_closed) and one past its first month (409 extension_window_closed), changing nothing', async () => {
    const closed = aRequest({ requestId: 'dsr_closed', status: 'completed', closedAt: '2026-06-19T10:00:00Z' });
    const late = aRequest({ requestId: 'dsr_window' }, '2026-05-01T10:00:00Z');
    const { ports, repo, sent } = memoryPorts(closed, late);
    await expect(extendRequest(ports, closed, body, actor)).rejects.toMatchObject({ status: 409, code: 'request_closed' });
    await expect(extendRequest(ports, late, body, actor)).rejects.toMatchObject({ status: 409, code: 'extension_window_closed' });
    expect((await repo.get('dsr_closed')).extension).toBeUndefined();
    expect((await repo.get('dsr_window')).extension).toBeUndefined();
    expect(sent).toEqual([]);
  });
});
