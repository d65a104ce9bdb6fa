import { describe, expect, it } from 'vitest';
import { liftRestriction, listRestrictions } from '../../../functions/admin/restrictions.js';
import { encodeLiftCursor, failLift } from '../../../functions/core/restriction/lift.js';
import type { Restriction } from '../../../functions/core/request/model.js';
import { aRequest } from '../shared/request-record.js';
import { memoryPorts } from './ports.js';

const actor = 'alice@kiara-api.com';
const body = { reason: 'The accuracy was verified with you.' };
const restriction: Restriction = { status: 'active', accountId: 'acct_1', since: '2026-06-15T10:00:00.000Z', heldFiles: 3, heldStores: [{ storeId: 'usage-logs', items: 12 }], taggedFiles: 2 };
const restricted = (requestId: string, over: Partial<Restriction> = {}) => aRequest({ requestId, status: 'completed', types: ['restriction'], restriction: { ...restriction, ...over } });

describe('lifting a restriction (use case on the in-memory repository)', () => {
  it('emails the person first, then records the lift as lifting (who, when, why) and starts its release once', async () => {
    const request = restricted('dsr_restricted');
    const { ports, repo, sent, liftRuns } = memoryPorts(request);
    expect((await listRestrictions(ports)).items).toEqual([{ requestId: 'dsr_restricted', ...restriction }]);

    const lifting = await liftRestriction(ports, request, body, actor);
    expect(sent.map((mail) => [mail.kind, mail.to])).toEqual([['restriction_lifted', 'jane@example.com']]);
    expect(sent[0]!.email.text).toContain(body.reason);
    expect(lifting).toMatchObject({ requestId: 'dsr_restricted', status: 'lifting', lift: { by: actor, reason: body.reason, run: 1, from: '' } });
    expect(lifting.lifted).toBeUndefined();
    expect(Date.parse(lifting.lift!.at)).not.toBeNaN();
    expect((await repo.get('dsr_restricted')).restriction).toEqual({ ...restriction, status: 'lifting', lift: lifting.lift });
    expect(liftRuns).toEqual([{ name: 'dsr_restricted-lift-1', cursor: '' }]);
    // Not lifted until its release is done: no lifted event yet, and it stays listed as lifting.
    expect((await repo.auditTrail('dsr_restricted')).filter((event) => event.type === 'restriction_lifted')).toEqual([]);
    expect((await listRestrictions(ports)).items).toEqual([expect.objectContaining({ requestId: 'dsr_restricted', status: 'lifting' })]);
  });

  it('answers a repeated lift while lifting with the lift as it stands: no second email, no second run, the first reason kept', async () => {
    const request = restricted('dsr_repeat');
    const { ports, repo, sent, liftRuns } = memoryPorts(request);
    const first = await liftRestriction(ports, request, body, actor);
    const again = await liftRestriction(ports, await repo.get('dsr_repeat'), { reason: 'Another reason.' }, 'bob@kiara-api.com');
    expect(again).toEqual(first);
    expect(sent).toHaveLength(1);
    expect(liftRuns).toHaveLength(1);
  });

  it('starts the release again when the call that recorded the lift died before starting it', async () => {
    const lift = { at: '2026-06-20T10:00:00.000Z', by: actor, reason: body.reason, run: 1, from: '' };
    const request = restricted('dsr_unstarted', { status: 'lifting', lift });
    const { ports, sent, liftRuns } = memoryPorts(request);
    await liftRestriction(ports, request, body, actor);
    expect(liftRuns).toEqual([{ name: 'dsr_unstarted-lift-1', cursor: '' }]);
    expect(sent).toEqual([]);
  });

  it('after a release that gave up, a repeated lift runs it again from where it stopped, without a second email', async () => {
    const lift = { at: '2026-06-20T10:00:00.000Z', by: actor, reason: body.reason, run: 1, from: '' };
    const cursor = encodeLiftCursor({ step: 'media', after: 'files/0042.png' });
    const failed = failLift({ ...restriction, status: 'lifting', lift }, { at: '2026-06-20T10:05:00.000Z', error: 'SlowDown', cursor });
    const request = restricted('dsr_failed', failed);
    const { ports, repo, sent, liftRuns } = memoryPorts(request);
    expect((await listRestrictions(ports)).items).toEqual([expect.objectContaining({ status: 'lifting', liftFailed: expect.objectContaining({ error: 'SlowDown' }) })]);

    const resumed = await liftRestriction(ports, request, body, actor);
    expect(resumed).toMatchObject({ status: 'lifting', lift: { ...lift, run: 2, from: cursor } });
    expect(resumed.liftFailed).toBeUndefined();
    expect((await repo.get('dsr_failed')).restriction).toEqual({ ...restriction, status: 'lifting', lift: resumed.lift });
    expect(liftRuns).toEqual([{ name: 'dsr_failed-lift-2', cursor }]);
    await liftRestriction(ports, await repo.get('dsr_failed'), body, actor);
    expect(liftRuns).toHaveLength(1);
    expect(sent).toEqual([]);
  });

  it('with the mail provider down (forced error path) records nothing and starts nothing, and the repeated call lifts it with one email', async () => {
    const request = restricted('dsr_mailfail');
    const { ports, repo, sent, liftRuns, mail } = memoryPorts(request);
    mail.failing = true;
    await expect(liftRestriction(ports, request, body, actor)).rejects.toThrow('mail provider down');
    expect(liftRuns).toEqual([]);
    expect((await repo.get('dsr_mailfail')).restriction).toEqual(restriction);
    mail.failing = false;
    await liftRestriction(ports, await repo.get('dsr_mailfail'), body, actor);
    expect(sent).toHaveLength(1);
    expect(liftRuns).toHaveLength(1);
  });

  it('answers 409 already_lifted for a lifted restriction, and sends and starts nothing', async () => {
    const request = restricted('dsr_lifted', { status: 'lifted', lifted: { at: '2026-06-21T10:00:00.000Z', by: actor, reason: body.reason } });
    const { ports, sent, liftRuns } = memoryPorts(request);
    await expect(liftRestriction(ports, request, body, actor)).rejects.toMatchObject({ status: 409, code: 'already_lifted' });
    expect(sent).toEqual([]);
    expect(liftRuns).toEqual([]);
    expect((await listRestrictions(ports)).items).toEqual([]);
  });

  it('answers 404 restriction_not_found for a request that restricted nothing', async () => {
    const request = aRequest({ requestId: 'dsr_plain', status: 'completed' });
    const { ports, sent } = memoryPorts(request);
    await expect(liftRestriction(ports, request, body, actor)).rejects.toMatchObject({ status: 404, code: 'restriction_not_found' });
    expect(sent).toEqual([]);
  });

  it('lists the restrictions in place and those being lifted together, oldest first', async () => {
    const { ports } = memoryPorts(
      restricted('dsr_newer', { since: '2026-06-17T10:00:00.000Z' }),
      restricted('dsr_lifting', { since: '2026-06-16T10:00:00.000Z', status: 'lifting' }),
      restricted('dsr_oldest', { since: '2026-06-15T10:00:00.000Z' }),
      restricted('dsr_done', { since: '2026-06-14T10:00:00.000Z', status: 'lifted' }),
    );
    expect((await listRestrictions(ports)).items.map((item) => [item.requestId, item.status])).toEqual([
      ['dsr_oldest', 'active'],
      ['dsr_lifting', 'lifting'],
      ['dsr_newer', 'active'],
    ]);
  });
});
