import { describe, expect, it } from 'vitest';
import { executionArnOf } from '../../functions/core/request/executions.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';
import { onLocalStack } from './target.js';
import { firstMonthPassed, PRIVACY_TEAM, startAnotherWatch, startWatchTarget } from './watch-target.js';

const bram = DEMO_USERS[1]!;

const session = journeyOn(startWatchTarget);

/**
 * Two clocks (Art. 12(3)/(4)): an extension moves the performance deadline to three
 * months, but a refusal must still reach the person within one month. Embedded only: the
 * watch's Waits of days run at once here, which LocalStack cannot do.
 */
describe.skipIf(onLocalStack).sequential('the refusal deadline of an extended request', () => {
  let requestId: string;

  it('shows the refusal deadline next to the performance deadline', async () => {
    requestId = await session.flow.reachReview({ types: ['access', 'erasure'], email: bram.email, locale: 'nl' });
    const extended = await session.flow.api.admin(`/requests/${requestId}/extend`, 'POST', { reason: 'Many stores to review.' });
    expect(extended.status).toBe(200);
    expect(extended.body.refusalDeadline).toBe(extended.body.deadlines.initial.legal);
    expect(extended.body.deadline).toBe(extended.body.deadlines.extended.legal);
  });

  it('escalates the review still pending at the refusal deadline, once', async () => {
    const watch = session.target.local!.runtime.stepFunctions;
    for (const name of [`${requestId}-refusal`, `${requestId}-refusal-again`]) {
      await startAnotherWatch(session.target, requestId, name);
      expect((await watch.waitForExecution(executionArnOf(session.target.local!.resources.watchArn, name), { timeoutMs: 20_000 })).status).toBe('SUCCEEDED');
    }
    const escalations = (await session.flow.mailsFor(requestId)).filter((m) => m.to.includes(PRIVACY_TEAM) && /URGENT: refusal deadline/.test(m.subject));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.text).toMatch(/still waiting for the review/);
    const request = await session.flow.detail(requestId);
    expect(request.audit.filter((e: any) => e.type === 'deadline_escalated' && e.details.kind === 'refusal_deadline')).toHaveLength(1);
  });

  it('still takes a refusal after the refusal deadline, marked late in the record, the audit and the reply', async () => {
    await firstMonthPassed(session.target, requestId);
    const facts = 'Er loopt een procedure over factuur 2026-17 bij de rechtbank Amsterdam.';
    const decided = await session.flow.api.admin(`/requests/${requestId}/decide`, 'POST', {
      rights: { access: { decision: 'grant' }, erasure: { decision: 'refuse', ground: 'legal_claims', facts } },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decision.late).toBe(true);

    const request = await session.flow.waitForStatus(requestId, 'completed');
    const [decision] = request.audit.filter((e: any) => e.type === 'decision' && e.details.step === 'review');
    expect(decision.details.late).toBe(true);
    const [escalation] = request.audit.filter((e: any) => e.type === 'deadline_escalated' && e.details.kind === 'refusal_deadline');
    expect(Date.parse(escalation.at)).toBeLessThan(Date.parse(decision.at));

    const [reply] = (await session.flow.mailsFor(requestId)).filter((m) => m.to.includes(bram.email) && /downloaden/.test(m.subject));
    expect(reply!.text).toContain('Termijn voor een weigering');
    expect(reply!.text).toContain('5 januari 2026');
    expect(reply!.text).toMatch(/na die termijn/);
    expect(reply!.text).toContain(facts);
    expect(reply!.text).toContain('Autoriteit Persoonsgegevens');
  });
});
