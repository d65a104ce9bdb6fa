import { describe, expect, it } from 'vitest';
import { dismiss, triage } from '../../../functions/admin/mailbox.js';
import type { MailFacts } from '../../../functions/core/request/model.js';
import { aRequest } from '../shared/request-record.js';
import { memoryPorts } from './ports.js';

const actor = 'alice@kiara-api.com';
const pass = 'PASS' as const;
const heldMail: MailFacts = {
  objectKey: 'inbound/1',
  bytes: 420,
  verdicts: { spf: pass, dkim: pass, dmarc: pass, spam: pass, virus: pass },
  flags: ['dmarc_fail'],
  held: true,
  subject: 'A question',
  text: 'How do I change my password?',
  attachments: [],
};
const heldRequest = (requestId: string, contactEmail = 'jane@example.com') =>
  aRequest({ requestId, channel: 'email', status: 'awaiting_triage', pendingStep: 'triage', mail: heldMail, contactEmail });

describe('the privacy mailbox’s triage and dismissal (use cases on the in-memory repository)', () => {
  it('triages held mail once: the rights are recorded, the step resumed and the workflow started; a second triage is 409', async () => {
    const request = heldRequest('dsr_triage');
    const { ports, repo, park, resumed, started } = memoryPorts(request);
    await park(request.requestId, 'triage');
    await triage(ports, request, { types: ['access', 'erasure'] }, actor);
    expect(await repo.get(request.requestId)).toMatchObject({ types: ['access', 'erasure'], triage: { types: ['access', 'erasure'], decidedBy: actor } });
    expect(resumed.map((resume) => resume.output)).toEqual([{ decision: 'triaged' }]);
    expect(started).toEqual([request.requestId]);

    await expect(triage(ports, request, { types: ['access'] }, 'bob@kiara-api.com')).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    expect((await repo.get(request.requestId)).types).toEqual(['access', 'erasure']);
  });

  it('finishes a triage whose call died after deciding the step when the same triage is repeated; another triage is 409', async () => {
    const request = aRequest({ requestId: 'dsr_lost_triage', channel: 'email', status: 'awaiting_triage', pendingStep: 'triage', contactEmail: 'jane@example.com' });
    const { ports, repo, park, resumed } = memoryPorts(request);
    const taskToken = await park(request.requestId, 'triage');
    // The first call's Lambda recorded the triage and resolved the step, then died before resuming the workflow.
    const dying = { ...ports, callbacks: { resume: () => Promise.reject(new Error('Runtime.ExitError')) } };
    await expect(triage(dying, request, { types: ['access'] }, actor)).rejects.toThrow('Runtime.ExitError');
    const recorded = await repo.get(request.requestId);

    await expect(triage(ports, recorded, { types: ['erasure'] }, actor)).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    await triage(ports, recorded, { types: ['access'] }, actor);
    expect(resumed).toEqual([{ taskToken, output: { decision: 'triaged' } }]);
    expect((await repo.auditTrail(request.requestId)).map((event) => event.type)).toEqual(['decision']);
    // Once the workflow resumed, the same triage again is a second click.
    await expect(triage(ports, recorded, { types: ['access'] }, actor)).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    expect((await repo.get(request.requestId)).types).toEqual(['access']);
  });

  it('starts the workflow of held mail when its triage is repeated after the call died between deciding and starting it', async () => {
    const request = heldRequest('dsr_lost_start');
    const { ports, repo, park, started } = memoryPorts(request);
    await park(request.requestId, 'triage');
    const dying = { ...ports, startWorkflow: () => Promise.reject(new Error('Runtime.ExitError')) };
    await expect(triage(dying, request, { types: ['access'] }, actor)).rejects.toThrow('Runtime.ExitError');
    const recorded = await repo.get(request.requestId);

    await triage(ports, recorded, { types: ['access'] }, actor);
    expect(started).toEqual([request.requestId]);
    await expect(triage(ports, recorded, { types: ['access'] }, actor)).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    expect(started).toEqual([request.requestId]);
  });

  it('refuses to triage held mail without an address to answer (409 no_reply_address), recording nothing', async () => {
    const request = heldRequest('dsr_noreply', '');
    const { ports, repo, park, started } = memoryPorts(request);
    await park(request.requestId, 'triage');
    await expect(triage(ports, request, { types: ['access'] }, actor)).rejects.toMatchObject({ status: 409, code: 'no_reply_address' });
    expect((await repo.get(request.requestId)).triage).toBeUndefined();
    expect(started).toEqual([]);
  });

  it('dismisses held mail at triage: it closes here, and the sender gets the team’s reply once', async () => {
    const request = heldRequest('dsr_dismiss');
    const { ports, repo, park, sent } = memoryPorts(request);
    await park(request.requestId, 'triage');
    await dismiss(ports, request, { reason: 'support question', reply: 'Our support desk will answer you.' }, actor);
    const closed = await repo.get(request.requestId);
    expect(closed).toMatchObject({ status: 'dismissed', dismissal: { reason: 'support question', dismissedBy: actor } });
    expect(closed.pendingStep).toBeUndefined();
    expect(sent.map((mail) => [mail.kind, mail.to])).toEqual([['dismissal_reply', 'jane@example.com']]);
    expect(sent[0]!.email.text).toContain('Our support desk will answer you.');

    await expect(dismiss(ports, closed, { reason: 'again' }, actor)).rejects.toMatchObject({ status: 409, code: 'not_dismissable' });
    expect(sent).toHaveLength(1);
  });

  it('finishes a dismissal of held mail whose call died after deciding the step when it is repeated: closed once, the reply sent once', async () => {
    const request = heldRequest('dsr_lost_dismissal');
    const { ports, repo, park, sent } = memoryPorts(request);
    await park(request.requestId, 'triage');
    const body = { reason: 'support question', reply: 'Our support desk will answer you.' };
    // The first call's Lambda recorded the dismissal and decided the step, then died.
    const update = repo.update.bind(repo);
    repo.update = () => Promise.reject(new Error('Runtime.ExitError'));
    await expect(dismiss(ports, request, body, actor)).rejects.toThrow('Runtime.ExitError');
    repo.update = update;
    const recorded = await repo.get(request.requestId);

    await expect(dismiss(ports, recorded, { reason: 'another reason' }, actor)).rejects.toMatchObject({ status: 409 });
    await dismiss(ports, recorded, body, actor);
    const closed = await repo.get(request.requestId);
    expect(closed).toMatchObject({ status: 'dismissed', dismissal: { reason: 'support question' } });
    expect((await repo.auditTrail(request.requestId)).map((event) => event.type)).toEqual(['decision', 'closed']);
    expect(sent.map((mail) => mail.kind)).toEqual(['dismissal_reply']);
    // Once all of it is done, the same dismissal again is a second click.
    await expect(dismiss(ports, closed, body, actor)).rejects.toMatchObject({ status: 409 });
    expect(sent).toHaveLength(1);
  });

  it('refuses to dismiss a request past its review (409 not_dismissable)', async () => {
    const request = aRequest({ requestId: 'dsr_running', status: 'processing' });
    const { ports, repo } = memoryPorts(request);
    await expect(dismiss(ports, request, { reason: 'no' }, actor)).rejects.toMatchObject({ status: 409, code: 'not_dismissable' });
    expect((await repo.get(request.requestId)).dismissal).toBeUndefined();
  });
});
