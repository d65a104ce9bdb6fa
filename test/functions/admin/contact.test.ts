import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../functions/admin/actions.js';
import { changeContact } from '../../../functions/admin/contact.js';
import { aRequest } from '../shared/request-record.js';
import { memoryPorts } from './ports.js';

const actor = 'alice@kiara-api.com';
const note = 'The requester phoned: the address in the form had a typo.';
/** Whom the request is about, found by ResolveSubject: from then on the address only delivers. */
const subject = { found: true, accountId: 'acc_jane' };
const post = (body: unknown) => ({ body: JSON.stringify(body) }) as APIGatewayProxyEvent;

describe('changing the reply address of a request (use case on the in-memory repository)', () => {
  it('writes the new address over the old one and audits who and why, never either address', async () => {
    const request = aRequest({ requestId: 'dsr_contact', status: 'awaiting_step_retry', subject });
    const { ports, repo } = memoryPorts(request);
    await changeContact(ports, request, { email: 'jane.doe@example.org', note }, actor);

    const changed = await repo.get(request.requestId);
    expect(changed.contactEmail).toBe('jane.doe@example.org');
    expect(changed.contactChange).toEqual({ changedBy: actor, changedAt: expect.any(String), note });
    const trail = await repo.auditTrail(request.requestId);
    expect(trail).toEqual([expect.objectContaining({ type: 'contact_changed', actor, details: { note } })]);
    expect(JSON.stringify(trail)).not.toContain('jane@example.com');
    expect(JSON.stringify(trail)).not.toContain('jane.doe@example.org');
    // The old address is kept nowhere on the record.
    expect(JSON.stringify(changed)).not.toContain('jane@example.com');
  });

  it('sends a notice the old address refused to the new one, once', async () => {
    const request = aRequest({
      requestId: 'dsr_notice',
      status: 'processing',
      subject,
      extension: { reason: 'Many media files.', extendedBy: actor, extendedAt: '2026-06-16T10:00:00.000Z' },
      outbox: { extension_notice: { queuedAt: '2026-06-16T10:00:00.000Z' } },
    });
    const { ports, repo, sent } = memoryPorts(request);
    await changeContact(ports, request, { email: 'jane.doe@example.org', note }, actor);
    expect(sent.map((mail) => [mail.kind, mail.to])).toEqual([['extension_notice', 'jane.doe@example.org']]);
    expect((await repo.get(request.requestId)).outbox).toEqual({});
  });

  it('records a repeated change once, and a repeat whose first try died before its audit event finishes it', async () => {
    const request = aRequest({ requestId: 'dsr_repeat', status: 'awaiting_step_retry', subject });
    const { ports, repo } = memoryPorts(request);
    // The first try wrote the address and died before the audit event.
    await repo.update(request.requestId, { contactEmail: 'jane.doe@example.org', contactChange: { changedBy: actor, changedAt: '2026-06-16T10:00:00.000Z', note } });
    const written = await repo.get(request.requestId);
    await changeContact(ports, written, { email: 'jane.doe@example.org', note }, actor);
    await changeContact(ports, written, { email: 'jane.doe@example.org', note }, actor);
    expect((await repo.auditTrail(request.requestId)).filter((event) => event.type === 'contact_changed')).toEqual([
      expect.objectContaining({ at: '2026-06-16T10:00:00.000Z', actor }),
    ]);
  });

  it('refuses a request whose subject is not resolved yet (the address still decides whose data it is) with 409 subject_not_resolved', async () => {
    // Identity confirmed by the old address, account not looked up yet: a new address would look up another person.
    const request = aRequest({ requestId: 'dsr_unresolved', status: 'resolving' });
    const { ports, repo } = memoryPorts(request);
    await expect(changeContact(ports, request, { email: 'someone.else@example.org', note }, actor)).rejects.toMatchObject({ status: 409, code: 'subject_not_resolved' });
    expect((await repo.get(request.requestId)).contactEmail).toBe('jane@example.com');
    expect(await repo.auditTrail(request.requestId)).toEqual([]);
  });

  it('refuses a closed request with 409 request_closed, changing nothing', async () => {
    const request = aRequest({ requestId: 'dsr_closed', status: 'completed' });
    const { ports, repo } = memoryPorts(request);
    await expect(changeContact(ports, request, { email: 'jane.doe@example.org', note }, actor)).rejects.toMatchObject({ status: 409, code: 'request_closed' });
    expect((await repo.get(request.requestId)).contactEmail).toBe('jane@example.com');
    expect(await repo.auditTrail(request.requestId)).toEqual([]);
  });

  it('validates the address as the intake does, and refuses a note that quotes an address: 400 with field codes, nothing changed', async () => {
    const request = aRequest({ requestId: 'dsr_body', status: 'awaiting_step_retry', subject });
    const { ports, repo } = memoryPorts(request);
    const call = { request, actor };
    await expect(ACTIONS.contact(ports, { ...call, event: post({ email: 'not-an-address', note }) })).rejects.toMatchObject({
      status: 400,
      code: 'validation_failed',
      fields: [expect.objectContaining({ path: 'email', code: 'invalid_email' })],
    });
    await expect(ACTIONS.contact(ports, { ...call, event: post({ email: 'jane.doe@example.org', note: 'New address: jane.doe@example.org' }) })).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ path: 'note', code: 'address_in_note' })],
    });
    await expect(ACTIONS.contact(ports, { ...call, event: post({ email: 'jane.doe@example.org' }) })).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ path: 'note', code: 'required' })],
    });
    expect((await repo.get(request.requestId)).contactEmail).toBe('jane@example.com');
    // Trimmed and lower-cased like the intake's address.
    await ACTIONS.contact(ports, { ...call, event: post({ email: '  Jane.Doe@Example.org ', note }) });
    expect((await repo.get(request.requestId)).contactEmail).toBe('jane.doe@example.org');
  });
});
