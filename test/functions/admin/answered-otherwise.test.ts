import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../functions/admin/actions.js';
import { closeAnsweredOtherwise } from '../../../functions/admin/answered-otherwise.js';
import { aRequest } from '../shared/request-record.js';
import { memoryPorts } from './ports.js';

const actor = 'alice@kiara-api.com';
const body = { channel: 'letter', note: 'Sent the reply by post to the address on the account.' } as const;
const refusedReply = { failedStep: 'RespondResult', error: 'MessageRejected' };

describe('closing a request whose reply email was refused as answered another way (use case on the in-memory repository)', () => {
  it('resumes the workflow past the reply with answered_otherwise, and records how, who and when', async () => {
    const request = aRequest({ requestId: 'dsr_letter', status: 'awaiting_step_retry' });
    const { ports, repo, park, resumed, sent } = memoryPorts(request);
    await park(request.requestId, 'step_failure', 'step_failure#RespondResult', refusedReply);

    await closeAnsweredOtherwise(ports, request, body, actor);
    expect(resumed.map((resume) => [resume.taskToken, resume.output])).toEqual([
      ['token-dsr_letter-step_failure#RespondResult', { decision: 'answered_otherwise' }],
    ]);
    expect((await repo.get(request.requestId)).replyChannel).toEqual({ ...body, answeredBy: actor, answeredAt: expect.any(String) });
    expect(await repo.auditTrail(request.requestId)).toContainEqual(
      expect.objectContaining({ type: 'decision', actor, details: { step: 'step_failure#RespondResult', decision: 'answered_otherwise', ...body } }),
    );
    expect(sent).toEqual([]);
    // A second click finds the step decided.
    await expect(closeAnsweredOtherwise(ports, request, body, actor)).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    expect(resumed).toHaveLength(1);
  });

  it('finishes a close whose call died after deciding the step and before resuming the workflow, when the team repeats it', async () => {
    const request = aRequest({ requestId: 'dsr_died', status: 'awaiting_step_retry' });
    const { ports, repo, park, resumed } = memoryPorts(request);
    await park(request.requestId, 'step_failure', 'step_failure#RespondRejection', { failedStep: 'RespondRejection', error: 'MessageRejected' });
    await repo.resolveStep(request.requestId, 'step_failure#RespondRejection', 'answered_otherwise', actor);

    await closeAnsweredOtherwise(ports, request, body, actor);
    expect(resumed.map((resume) => resume.output)).toEqual([{ decision: 'answered_otherwise' }]);
    expect((await repo.get(request.requestId)).replyChannel?.channel).toBe('letter');
  });

  it('is 409 no_failed_reply unless a reply to the requester waits at step_failure, and 409 request_closed once closed; nothing changes', async () => {
    const request = aRequest({ requestId: 'dsr_other', status: 'awaiting_step_retry' });
    const { ports, repo, park, resumed } = memoryPorts(request);
    // A failed step that is no reply to the requester (the Art. 19 notices, Assemble) cannot be closed so.
    await park(request.requestId, 'step_failure', 'step_failure#NotifyRecipients', { failedStep: 'NotifyRecipients', error: 'MessageRejected' });
    await park(request.requestId, 'step_failure', 'step_failure#Assemble', { failedStep: 'Assemble', error: 'Runtime.ExitError' });
    await expect(closeAnsweredOtherwise(ports, request, body, actor)).rejects.toMatchObject({ status: 409, code: 'no_failed_reply' });
    // A reply retried already waits for nothing.
    await park(request.requestId, 'step_failure', 'step_failure#RespondResult', refusedReply);
    await repo.resolveStep(request.requestId, 'step_failure#RespondResult', 'retry', actor);
    await expect(closeAnsweredOtherwise(ports, request, body, actor)).rejects.toMatchObject({ status: 409, code: 'no_failed_reply' });

    const closed = aRequest({ requestId: 'dsr_closed', status: 'completed' });
    await expect(closeAnsweredOtherwise(memoryPorts(closed).ports, closed, body, actor)).rejects.toMatchObject({ status: 409, code: 'request_closed' });
    expect(resumed).toEqual([]);
    expect((await repo.get(request.requestId)).replyChannel).toBeUndefined();
    expect(await repo.auditTrail(request.requestId)).toEqual([]);
  });

  it('takes a channel other than email and a note: 400 with field codes otherwise', async () => {
    const request = aRequest({ requestId: 'dsr_body', status: 'awaiting_step_retry' });
    const { ports, park, resumed } = memoryPorts(request);
    await park(request.requestId, 'step_failure', 'step_failure#RespondResult', refusedReply);
    const post = (value: unknown) => ({ request, actor, event: { body: JSON.stringify(value) } as APIGatewayProxyEvent });
    await expect(ACTIONS.close(ports, post({ channel: 'email', note: body.note }))).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ path: 'channel', code: 'unknown_value' })],
    });
    await expect(ACTIONS.close(ports, post({ channel: 'phone' }))).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ path: 'note', code: 'required' })],
    });
    expect(resumed).toEqual([]);
  });
});
