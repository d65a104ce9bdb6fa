import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { approve, decide, previewRejection, reject } from '../../../functions/admin/review.js';
import { HttpError } from '../../../functions/shared/http/errors.js';
import { aRequest } from '../shared/request-record.js';
import { memoryPorts } from './ports.js';

const actor = 'alice@kiara-api.com';
const refusal = { reasonCode: 'manifestly_unfounded' as const, reason: 'The same request was answered last week.' };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-06-20T10:00:00Z')); // within the first month of the requests below
});
afterEach(() => vi.useRealTimers());

describe('the review decision (use cases on the in-memory repository)', () => {
  it('approves once: the decision is stored, audited and hands the workflow the plan; a second approval is 409 and changes nothing', async () => {
    const request = aRequest({ requestId: 'dsr_approve', subject: { found: true, accountId: 'acct_1' } });
    const { ports, repo, park, resumed } = memoryPorts(request);
    await park(request.requestId, 'review');

    await approve(ports, request, undefined, actor);
    const stored = await repo.get(request.requestId);
    expect(stored.decision).toMatchObject({ rights: { access: { decision: 'grant' } }, decidedBy: actor });
    expect(resumed).toEqual([{ taskToken: 'token-dsr_approve-review', output: expect.objectContaining({ decision: 'approved', plan: expect.any(Object) }) }]);
    expect((await repo.auditTrail(request.requestId)).map((event) => [event.type, event.details?.decision])).toEqual([['decision', 'approved']]);

    await expect(approve(ports, request, undefined, 'bob@kiara-api.com')).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    expect((await repo.get(request.requestId)).decision).toEqual(stored.decision);
    expect(resumed).toHaveLength(1);
  });

  it('resumes the workflow when the approval is repeated after the first try died between deciding the step and resuming', async () => {
    const request = aRequest({ requestId: 'dsr_died', subject: { found: true, accountId: 'acct_1' } });
    const { ports, repo, park, resumed } = memoryPorts(request);
    const taskToken = await park(request.requestId, 'review');
    // The first try's Lambda resolved the step and died before anything else.
    await repo.resolveStep(request.requestId, 'review', 'approved', actor);

    await approve(ports, request, undefined, actor);
    expect((await repo.get(request.requestId)).decision).toMatchObject({ rights: { access: { decision: 'grant' } }, decidedBy: actor });
    expect((await repo.auditTrail(request.requestId)).map((event) => [event.type, event.details?.decision])).toEqual([['decision', 'approved']]);
    expect(resumed).toEqual([{ taskToken, output: expect.objectContaining({ decision: 'approved', plan: expect.any(Object) }) }]);
  });

  it('records one decision audit event for two identical approvals at once, resumes once and answers the second 409', async () => {
    const request = aRequest({ requestId: 'dsr_twice', subject: { found: true, accountId: 'acct_1' } });
    const { ports, repo, park, resumed } = memoryPorts(request);
    await park(request.requestId, 'review');
    // The first click's audit write lands only after the second click has looked for it in the trail.
    const recordOnce = repo.recordOnce.bind(repo);
    const audit = repo.audit.bind(repo);
    const slowFirst = <A extends unknown[]>(write: (...args: A) => Promise<unknown>) => {
      let calls = 0;
      return async (...args: A) => {
        if (calls++ === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        return write(...args);
      };
    };
    repo.recordOnce = slowFirst(recordOnce) as typeof repo.recordOnce;
    repo.audit = slowFirst(audit) as typeof repo.audit;

    const answers = await Promise.allSettled([approve(ports, request, undefined, actor), approve(ports, request, undefined, actor)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(answers.find((answer) => answer.status === 'rejected')).toMatchObject({ reason: { status: 409 } });
    expect((await repo.auditTrail(request.requestId)).map((event) => [event.type, event.details?.decision])).toEqual([['decision', 'approved']]);
    expect(resumed).toHaveLength(1);
  });

  it('resumes the workflow once when the first try died at its resume (SendTaskSuccess failed), and records the decision once', async () => {
    const request = aRequest({ requestId: 'dsr_resume_failed' });
    const { ports, repo, park, resumed } = memoryPorts(request);
    await park(request.requestId, 'review');
    const resume = ports.callbacks.resume;
    const dying = { ...ports, callbacks: { resume: () => Promise.reject(new Error('Runtime.ExitError')) } };
    await expect(reject(dying, request, refusal, actor)).rejects.toThrow('Runtime.ExitError');
    expect(resumed).toHaveLength(0);

    await reject({ ...ports, callbacks: { resume } }, request, refusal, actor);
    expect(resumed).toEqual([{ taskToken: 'token-dsr_resume_failed-review', output: { decision: 'rejected' } }]);
    expect((await repo.auditTrail(request.requestId)).map((event) => event.type)).toEqual(['decision']);
    await expect(approve(ports, request, undefined, actor)).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    // The same verdict on another ground is another decision.
    const otherGround = { reasonCode: 'excessive' as const, reason: 'Asked daily.' };
    await expect(reject(ports, await repo.get(request.requestId), otherGround, actor)).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    expect(resumed).toHaveLength(1);
  });

  it('answers 409 no_pending_step when the request does not wait for a review', async () => {
    const request = aRequest({ requestId: 'dsr_noreview' });
    const { ports, repo } = memoryPorts(request);
    await expect(reject(ports, request, refusal, actor)).rejects.toMatchObject({ status: 409, code: 'no_pending_step' });
    expect((await repo.get(request.requestId)).decision).toBeUndefined();
  });

  it('refuses an approval of a rectification without the statement of what was done, and the review still waits', async () => {
    const request = aRequest({ requestId: 'dsr_rectify', types: ['rectification'] });
    const { ports, repo, park } = memoryPorts(request);
    await park(request.requestId, 'review');
    await expect(approve(ports, request, undefined, actor)).rejects.toMatchObject({ status: 400, code: 'outcome_required' });
    expect(await repo.pendingSteps(request.requestId)).toHaveLength(1);

    await approve(ports, request, { outcome: 'We corrected your email address.' }, actor);
    expect((await repo.get(request.requestId)).outcome).toMatchObject({ text: 'We corrected your email address.', decidedBy: actor });
  });

  it('marks a refusal decided after the one-month refusal deadline as late, and still sends it on', async () => {
    const request = aRequest({ requestId: 'dsr_late' });
    const { ports, repo, park, resumed } = memoryPorts(request);
    await park(request.requestId, 'review');
    vi.setSystemTime(new Date('2026-07-16T10:00:00Z')); // the day after the legal deadline, 15 July
    await reject(ports, request, refusal, actor);
    expect((await repo.get(request.requestId)).decision).toMatchObject({ late: true, rights: { access: { decision: 'refuse', ground: 'manifestly_unfounded' } } });
    expect(resumed[0]!.output).toEqual({ decision: 'rejected' });
  });

  it('refuses per-right decisions that leave a right undecided, with one field entry per problem', async () => {
    const request = aRequest({ requestId: 'dsr_decide', types: ['access', 'erasure'] });
    const { ports, repo, park } = memoryPorts(request);
    await park(request.requestId, 'review');
    const refused = decide(ports, request, { rights: { access: { decision: 'grant' } } }, actor);
    await expect(refused).rejects.toBeInstanceOf(HttpError);
    await expect(refused).rejects.toMatchObject({ status: 400, code: 'validation_failed', fields: [expect.objectContaining({ path: 'rights.erasure' })] });
    expect(await repo.pendingSteps(request.requestId)).toHaveLength(1);
  });

  it('answers 409 step_expired when the workflow no longer waits, with the decision recorded', async () => {
    const request = aRequest({ requestId: 'dsr_expired' });
    const { ports, repo, park, waiting } = memoryPorts(request);
    await park(request.requestId, 'review');
    waiting.clear(); // the task timed out in Step Functions
    await expect(approve(ports, request, undefined, actor)).rejects.toMatchObject({ status: 409, code: 'step_expired' });
    expect(await repo.findStep(request.requestId, 'review')).toMatchObject({ status: 'resolved', decision: 'approved' });
  });

  it('previews the refusal email in the request’s language, quoting the facts', () => {
    const dutch = previewRejection(aRequest({ requestId: 'dsr_preview', locale: 'nl' }), refusal);
    const english = previewRejection(aRequest({ requestId: 'dsr_preview' }), refusal);
    expect(dutch.text).toContain('The same request was answered last week.');
    expect(dutch.subject).toContain('dsr_preview');
    expect(dutch.subject).not.toEqual(english.subject);
  });
});

describe('corrections written by the review (rectification, on the in-memory store)', () => {
  const rectifying = (requestId: string) => aRequest({ requestId, types: ['rectification'], subject: { found: true, accountId: 'acct_1' } });
  const grant = { rights: { rectification: { decision: 'grant' } }, outcome: 'We corrected your email address.' };
  const correction = { storeId: 'account', field: 'email', from: 'ada@example.com', to: 'ada.new@example.com' };

  it('writes the correction in the store, keeps it on the request for the reply and audits the fields only', async () => {
    const request = rectifying('dsr_rectify_write');
    const { ports, repo, park, stores } = memoryPorts(request);
    stores.set('account', new Map([['acct_1', { email: 'ada@example.com' }]]));
    await park(request.requestId, 'review');

    await decide(ports, request, { ...grant, rectify: [correction] }, actor);
    expect(stores.get('account')!.get('acct_1')).toEqual({ email: 'ada.new@example.com' });
    expect((await repo.get(request.requestId)).rectified).toEqual([{ ...correction, appliedAt: expect.any(String), appliedBy: actor }]);
    const applied = (await repo.auditTrail(request.requestId)).find((event) => event.type === 'rectification_applied');
    expect(applied?.details).toEqual({ storeId: 'account', fields: 'email' });
  });

  it('refuses a stale correction with 409 rectification_stale: nothing written, the review still waits', async () => {
    const request = rectifying('dsr_rectify_stale');
    const { ports, repo, park, stores } = memoryPorts(request);
    stores.set('account', new Map([['acct_1', { email: 'changed@example.com' }]]));
    await park(request.requestId, 'review');

    await expect(decide(ports, request, { ...grant, rectify: [correction] }, actor)).rejects.toMatchObject({ status: 409, code: 'rectification_stale' });
    expect(stores.get('account')!.get('acct_1')).toEqual({ email: 'changed@example.com' });
    expect((await repo.get(request.requestId)).decision).toBeUndefined();
    expect(await repo.pendingSteps(request.requestId)).toHaveLength(1);
  });

  it('refuses corrections of a refused rectification and invalid ones with a 400 code, changing nothing', async () => {
    const request = rectifying('dsr_rectify_bad');
    const { ports, park, stores } = memoryPorts(request);
    stores.set('account', new Map([['acct_1', { email: 'ada@example.com' }]]));
    await park(request.requestId, 'review');
    const refused = { rights: { rectification: { decision: 'refuse', ground: 'other', facts: 'No evidence.' } }, rectify: [correction] };
    await expect(decide(ports, request, refused, actor)).rejects.toMatchObject({ status: 400, code: 'rectification_not_granted' });
    await expect(decide(ports, request, { ...grant, rectify: [{ ...correction, field: 'plan' }] }, actor)).rejects.toMatchObject({ status: 400 });
    expect(stores.get('account')!.get('acct_1')).toEqual({ email: 'ada@example.com' });
  });
});
