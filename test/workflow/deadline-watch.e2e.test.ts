import { describe, expect, it } from 'vitest';
import { computeDeadlines, reminderPoints } from '../../functions/core/deadlines/index.js';
import { executionArnOf } from '../../functions/core/request/executions.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';
import { eventually, onLocalStack } from './target.js';
import { firstMonthPassed, PRIVACY_TEAM, startAnotherWatch, startWatchTarget } from './watch-target.js';

const ada = DEMO_USERS[0]!;

// Timers run at once: each Wait of the watch ends immediately, as if its day had come.
const session = journeyOn(startWatchTarget);

const sfn = () => session.target.local!.runtime.stepFunctions;
const watchExecution = (requestId: string, name = requestId) =>
  executionArnOf(session.target.local!.resources.watchArn, name);

async function watchRunsToEnd(requestId: string, name = requestId) {
  if (name !== requestId) {
    await startAnotherWatch(session.target, requestId, name);
  } else {
    // The request's own watch: the workflow's first step, Acknowledge, starts it.
    const started = () => sfn().listExecutions({ stateMachineArn: session.target.local!.resources.watchArn, maxResults: 1000 }).executions;
    await eventually(async () => started().some((execution) => execution.name === name) || undefined, `the deadline watch of ${requestId}`);
  }
  const result = await sfn().waitForExecution(watchExecution(requestId, name), { timeoutMs: 20_000 });
  expect(result.status).toBe('SUCCEEDED');
}

async function teamMails(requestId: string) {
  const mails = (await session.flow.mailsFor(requestId)).filter((mail) => mail.to.includes(PRIVACY_TEAM));
  return {
    reminders: session.flow.countBy(mails, /Deadline reminder/),
    escalations: session.flow.countBy(mails, /URGENT/),
    all: mails,
  };
}

function expectedPoints(receivedAt: string, extended = false) {
  const points = reminderPoints(computeDeadlines(receivedAt), { extended });
  return {
    reminders: points.filter((p) => p.kind === 'reminder').length,
    escalations: points.filter((p) => p.kind !== 'reminder').length,
  };
}

// Embedded only: the watch's Waits of days run at once here, which LocalStack cannot do.
describe.skipIf(onLocalStack)('deadline watch', () => {
  it('reminds the privacy team about an open request and escalates each deadline exactly once', async () => {
    const requestId = await session.flow.submit({ type: 'access', email: ada.email, details: 'watch: open' });
    await watchRunsToEnd(requestId);
    const request = await session.flow.detail(requestId);
    const expected = expectedPoints(request.receivedAt);
    expect(expected.reminders).toBe(2);
    expect(await teamMails(requestId)).toMatchObject(expected);
    expect(request.audit.filter((e: any) => e.type === 'deadline_escalated')).toHaveLength(expected.escalations);

    // A second watch over the same request sends nothing new: each point is sent once.
    await watchRunsToEnd(requestId, `${requestId}-again`);
    expect(await teamMails(requestId)).toMatchObject(expected);
  });

  it('sends nothing for a closed request', async () => {
    const email = 'closed-watch@example.org';
    const requestId = await session.flow.submit({ type: 'access', email });
    await session.flow.confirmIdentity(requestId, email);
    await session.flow.waitForStatus(requestId, 'completed_no_data');
    const before = (await teamMails(requestId)).all.length;
    await watchRunsToEnd(requestId, `${requestId}-after-close`);
    expect((await teamMails(requestId)).all.length).toBe(before);
  });

  it('follows an extension: new dates, an email to the requester, one extension only', async () => {
    // Its own address: a second open access request of Ada's would be a duplicate of the first.
    const email = 'watch-extension@example.org';
    const requestId = await session.flow.submit({ type: 'access', email, details: 'watch: extension' });
    await watchRunsToEnd(requestId);
    const sentBefore = await teamMails(requestId);

    const extended = await session.flow.api.admin(`/requests/${requestId}/extend`, 'POST', { reason: 'Large volume of media to review.' });
    expect(extended.status).toBe(200);
    expect(extended.body.extended).toBe(true);
    expect(extended.body.deadline).toBe(extended.body.deadlines.extended.legal);
    expect(extended.body.extension.subjectNotifiedAt).toBeDefined();
    const notice = (await session.flow.mailsFor(requestId)).filter((m) => /more time/.test(m.subject));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.to).toEqual([email]);
    expect(notice[0]!.text).toContain('Large volume of media to review.');

    const again = await session.flow.api.admin(`/requests/${requestId}/extend`, 'POST', { reason: 'Again' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_extended');

    // The watch now follows the extended dates: the reminders before the new strict date.
    await watchRunsToEnd(requestId, `${requestId}-extended`);
    const after = await teamMails(requestId);
    const expected = expectedPoints(extended.body.receivedAt, true);
    expect(after.reminders - sentBefore.reminders).toBe(expected.reminders);
  });

  it('refuses an extension after the one-month deadline and changes nothing', async () => {
    const requestId = await session.flow.submit({ type: 'access', email: 'watch-late@example.org', details: 'watch: late extension' });
    await firstMonthPassed(session.target, requestId);
    const before = await session.flow.detail(requestId);
    const refused = await session.flow.api.admin(`/requests/${requestId}/extend`, 'POST', { reason: 'Too late' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('extension_window_closed');
    const after = await session.flow.detail(requestId);
    expect(after.extension).toBeNull();
    expect(after.deadlines).toEqual(before.deadlines);
    expect(after.audit.filter((e: any) => e.type === 'extended')).toHaveLength(0);
    expect((await session.flow.mailsFor(requestId)).filter((m) => /more time/.test(m.subject))).toHaveLength(0);
  });
});
