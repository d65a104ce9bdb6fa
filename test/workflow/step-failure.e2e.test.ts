import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';
import { refuseAddress } from './ses-refusal.js';
import { eventually, onLocalStack, startEmbedded } from './target.js';

/**
 * A step that fails for good (its retries spent, or an error no retry helps, such as SES
 * refusing the requester's address) does not fail the execution: the request waits at a
 * `step_failure` step for the privacy team, who are emailed once, and their retry runs the
 * step again from where it failed. Embedded only: the faults are forced in this process.
 */
const [ada, bram] = DEMO_USERS as [typeof DEMO_USERS[0], typeof DEMO_USERS[1]];
let assembleFails = false;

const session = journeyOn(() => startEmbedded({
  // The step's production backoff (2 s doubling) would make its six retries take minutes.
  retryIntervalOverrides: { Assemble: 0 },
  // Assemble dies after its first AWS call on every try while the fault lasts.
  crashAfter: ({ functionLogicalId }) => assembleFails && functionLogicalId.includes('Assemble'),
}));

const isStepFailureNotice = /Workflow step failed/;
const isPackageReady = /ready to download/;

async function waitAtStepFailure(requestId: string) {
  return session.flow.waitFor(requestId, (r) => r.status === 'awaiting_step_retry' && r.pendingSteps.some((s: any) => s.step === 'step_failure'), 'a step failure');
}

async function expectRetriedToCompletion(requestId: string) {
  expect((await session.flow.api.admin(`/requests/${requestId}/retry`, 'POST', {})).status).toBe(200);
  const done = await session.flow.waitForStatus(requestId, 'completed');
  expect(done.pendingSteps).toEqual([]);
  // Retried once: a second click finds nothing waiting.
  const again = await session.flow.api.admin(`/requests/${requestId}/retry`, 'POST', {});
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('no_pending_step');
  return done;
}

describe.skipIf(onLocalStack).sequential('the requester’s reply refused by SES (SES client mocked to answer MessageRejected)', () => {
  let requestId: string;

  it('waits at step_failure with the step and the error code, and tells the privacy team once', async () => {
    requestId = await session.flow.reachReview({ type: 'access', email: ada.email, locale: 'en' });
    const refusal = refuseAddress(ada.email);
    try {
      expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
      const waiting = await waitAtStepFailure(requestId);
      expect(waiting.pendingStep).toBe('step_failure');
      expect(waiting.pendingSteps).toEqual([
        expect.objectContaining({ step: 'step_failure', details: { failedStep: 'RespondResult', error: 'MessageRejected' } }),
      ]);
      expect(waiting.audit).toContainEqual(expect.objectContaining({
        type: 'step_pending',
        details: { step: 'step_failure', failedStep: 'RespondResult', error: 'MessageRejected' },
      }));
      // Codes only: the refused address (in SES's message) is in no record the team reads.
      expect(JSON.stringify(waiting.audit)).not.toContain(ada.email.split('@')[0]);
      // The notice goes out right after the step is parked.
      const notice = await eventually(async () => {
        const notices = (await session.flow.mailsFor(requestId)).filter((m) => isStepFailureNotice.test(m.subject));
        return notices.length > 0 ? notices : undefined;
      }, 'the step-failure notice');
      expect(notice).toHaveLength(1);
      expect(notice[0]!.text).toContain('RespondResult');
      expect(notice[0]!.text).toContain('MessageRejected');
      expect(notice[0]!.text).not.toContain(ada.email);
    } finally {
      refusal.restore();
    }
  });

  it('completes when the team retries after the fault cleared, each email once', async () => {
    // The console's queue lists it among the requests waiting at a failed step.
    const queue = await session.flow.api.admin('/requests?status=open&pendingStep=step_failure');
    expect(queue.body.items.map((item: { requestId: string }) => item.requestId)).toEqual([requestId]);
    const done = await expectRetriedToCompletion(requestId);
    expect(done.emailsSent).toEqual(expect.arrayContaining(['acknowledgement', 'review_needed', 'access_ready']));
    const mails = await session.flow.mailsFor(requestId);
    expect(session.flow.countBy(mails.filter((m) => m.to.includes(ada.email)), isPackageReady)).toBe(1);
    expect(session.flow.countBy(mails, isStepFailureNotice)).toBe(1);
    expect(session.flow.countBy(mails, /received your privacy request/)).toBe(1);
  });
});

describe.skipIf(onLocalStack).sequential('a step whose Lambda dies on every try (crash injected by the local runtime)', () => {
  it('waits at step_failure once its retries are spent, and completes on the team’s retry', async () => {
    const requestId = await session.flow.reachReview({ type: 'access', email: bram.email, locale: 'en' });
    assembleFails = true;
    try {
      expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
      const waiting = await waitAtStepFailure(requestId);
      expect(waiting.pendingSteps).toEqual([
        expect.objectContaining({ step: 'step_failure', details: { failedStep: 'Assemble', error: 'Runtime.ExitError' } }),
      ]);
      const { executions } = session.target.local!.runtime.stepFunctions.listExecutions({ stateMachineArn: session.target.resources.workflowArn });
      expect(executions.find((item) => item.name === requestId)?.status).toBe('RUNNING');
    } finally {
      assembleFails = false;
    }
    await expectRetriedToCompletion(requestId);
    const mails = await session.flow.mailsFor(requestId);
    expect(session.flow.countBy(mails, isStepFailureNotice)).toBe(1);
    expect(session.flow.countBy(mails.filter((m) => m.to.includes(bram.email)), isPackageReady)).toBe(1);
  });
});

describe.skipIf(onLocalStack).sequential('a refused reply given another address by the team (SES client mocked to answer MessageRejected)', () => {
  it('sends the retried reply to the new address once, and none to the refused one', async () => {
    const newAddress = 'ada.lovelace@example.org';
    // Another body than the first request's: the same one would be a retry of its delivery.
    const requestId = await session.flow.reachReview({ type: 'access', email: ada.email, locale: 'en', name: 'Ada' });
    const refusal = refuseAddress(ada.email);
    try {
      expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
      await waitAtStepFailure(requestId);
      const refusedTries = refusal.tries;
      const changed = await session.flow.api.admin(`/requests/${requestId}/contact`, 'POST', { email: newAddress, note: 'The requester phoned with an address that works.' });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body.contactEmail).toBe(newAddress);
      // Who and why, never either address.
      expect(changed.body.audit).toContainEqual(expect.objectContaining({ type: 'contact_changed', details: { note: 'The requester phoned with an address that works.' } }));
      expect(JSON.stringify(changed.body.audit)).not.toContain('ada.lovelace');
      expect(JSON.stringify(changed.body.audit)).not.toContain(ada.email);

      await expectRetriedToCompletion(requestId);
      // The refused address is not tried again.
      expect(refusal.tries).toBe(refusedTries);
    } finally {
      refusal.restore();
    }
    const mails = await session.flow.mailsFor(requestId);
    expect(session.flow.countBy(mails.filter((m) => m.to.includes(newAddress)), isPackageReady)).toBe(1);
    expect(session.flow.countBy(mails.filter((m) => m.to.includes(ada.email)), isPackageReady)).toBe(0);
    // Closed: the address no longer changes.
    const closed = await session.flow.api.admin(`/requests/${requestId}/contact`, 'POST', { email: ada.email, note: 'Too late.' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('request_closed');
  });
});

describe.skipIf(onLocalStack).sequential('a refused reply closed as answered by letter (SES client mocked to answer MessageRejected)', () => {
  it('ends the workflow past the reply: the request closes with the reply’s channel recorded, and no email of it goes out', async () => {
    const requestId = await session.flow.reachReview({ type: 'access', email: bram.email, locale: 'nl' });
    const refusal = refuseAddress(bram.email);
    try {
      // Not waiting at a failed reply yet: 409, nothing changes.
      const early = await session.flow.api.admin(`/requests/${requestId}/close`, 'POST', { channel: 'letter', note: 'Sent by post.' });
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('no_failed_reply');
      expect((await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
      await waitAtStepFailure(requestId);
    } finally {
      // The address would take mail again: the close must still send nothing.
      refusal.restore();
    }
    const closing = await session.flow.api.admin(`/requests/${requestId}/close`, 'POST', { channel: 'letter', note: 'Sent the reply by post to the account’s address.' });
    expect(closing.status, JSON.stringify(closing.body)).toBe(200);

    const done = await session.flow.waitForStatus(requestId, 'completed');
    expect(done.pendingSteps).toEqual([]);
    expect(done.replyChannel).toEqual({ channel: 'letter', note: 'Sent the reply by post to the account’s address.', answeredBy: expect.any(String), answeredAt: expect.any(String) });
    expect(done.audit).toContainEqual(expect.objectContaining({
      type: 'decision',
      details: expect.objectContaining({ step: 'step_failure#RespondResult', decision: 'answered_otherwise', channel: 'letter' }),
    }));
    expect(done.audit).toContainEqual(expect.objectContaining({ type: 'closed', details: { status: 'completed' } }));
    expect(done.emailsSent).not.toContain('access_ready');
    // The status is written by Close, which then stops the deadline watch before the execution ends.
    await eventually(async () => {
      const { executions } = session.target.local!.runtime.stepFunctions.listExecutions({ stateMachineArn: session.target.resources.workflowArn });
      return executions.find((item) => item.name === requestId)?.status === 'SUCCEEDED' || undefined;
    }, 'the execution to succeed');
    const toBram = (await session.flow.mailsFor(requestId)).filter((m) => m.to.includes(bram.email));
    expect(toBram.map((m) => m.subject)).toEqual([expect.not.stringMatching(/download|downloaden/)]);

    const again = await session.flow.api.admin(`/requests/${requestId}/close`, 'POST', { channel: 'letter', note: 'Sent by post.' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('request_closed');
  });
});
