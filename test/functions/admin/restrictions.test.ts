import { describe, expect, it } from 'vitest';
import { liftRestriction, listRestrictions } from '../../../functions/admin/restrictions.js';
import { aRequest } from '../shared/request-record.js';
import { memoryPorts } from './ports.js';

const actor = 'alice@kiara-api.com';
const body = { reason: 'The accuracy was verified with you.' };
const restriction = { status: 'active' as const, accountId: 'acct_1', since: '2026-06-15T10:00:00.000Z', heldFiles: 3, heldStores: [{ storeId: 'usage-logs', items: 12 }], taggedFiles: 2 };

describe('lifting a restriction (use case on the in-memory repository)', () => {
  it('emails the person first, then releases the marks, records and audits the lift; it leaves the list', async () => {
    const request = aRequest({ requestId: 'dsr_restricted', status: 'completed', types: ['restriction'], restriction });
    const { ports, repo, sent, released } = memoryPorts(request);
    expect((await listRestrictions(ports)).items).toEqual([{ requestId: 'dsr_restricted', ...restriction }]);

    const lifted = await liftRestriction(ports, request, body, actor);
    expect(sent.map((mail) => [mail.kind, mail.to])).toEqual([['restriction_lifted', 'jane@example.com']]);
    expect(sent[0]!.email.text).toContain(body.reason);
    expect(released).toEqual([{ accountId: 'acct_1', requestId: 'dsr_restricted' }]);
    expect(lifted).toMatchObject({ status: 'lifted', lifted: { by: actor, reason: body.reason } });
    expect((await repo.get('dsr_restricted')).restriction?.status).toBe('lifted');
    expect((await repo.auditTrail('dsr_restricted')).filter((event) => event.type === 'restriction_lifted')).toHaveLength(1);
    expect((await listRestrictions(ports)).items).toEqual([]);
    await expect(liftRestriction(ports, await repo.get('dsr_restricted'), body, actor)).rejects.toMatchObject({ status: 409, code: 'already_lifted' });
  });

  it('with the mail provider down (forced error path) releases nothing, and the repeated call lifts it with one email', async () => {
    const request = aRequest({ requestId: 'dsr_mailfail', status: 'completed', types: ['restriction'], restriction });
    const { ports, repo, sent, released, mail } = memoryPorts(request);
    mail.failing = true;
    await expect(liftRestriction(ports, request, body, actor)).rejects.toThrow('mail provider down');
    expect(released).toEqual([]);
    expect((await repo.get('dsr_mailfail')).restriction?.status).toBe('active');
    mail.failing = false;
    await liftRestriction(ports, await repo.get('dsr_mailfail'), body, actor);
    expect(sent).toHaveLength(1);
    expect(released).toHaveLength(1);
  });

  it('answers 404 restriction_not_found for a request that restricted nothing', async () => {
    const request = aRequest({ requestId: 'dsr_plain', status: 'completed' });
    const { ports, sent } = memoryPorts(request);
    await expect(liftRestriction(ports, request, body, actor)).rejects.toMatchObject({ status: 404, code: 'restriction_not_found' });
    expect(sent).toEqual([]);
  });
});
