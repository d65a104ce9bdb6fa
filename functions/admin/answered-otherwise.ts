import * as z from 'zod';
import { OFFLINE_CHANNELS } from '../core/intake/team-filing.js';
import { isOpen, type DsrRequestRecord } from '../core/request/model.js';
import { isRequesterReplyState } from '../core/request/replies.js';
import { decideStep, type StepPorts } from '../shared/decide-step.js';
import { HttpError } from '../shared/http/errors.js';
import { teamNote } from './contact.js';

export const answeredOtherwiseBody = z.strictObject({ channel: z.enum(OFFLINE_CHANNELS), note: teamNote });

const DECISION = 'answered_otherwise';

/**
 * Closes a request whose reply email could not be delivered (it waits at the failed reply
 * state, `step_failure`) as answered another way: the team gave the reply by letter, phone
 * or in person. The record and the audit say how, who and when; the workflow resumes past
 * the reply, so its Close runs (retention, the hold, the deadline watch) and the request
 * ends with the status that reply closes it with. No email goes to the refused address.
 */
export async function closeAnsweredOtherwise(ports: StepPorts, request: DsrRequestRecord, body: z.infer<typeof answeredOtherwiseBody>, actor: string) {
  const { requestId } = request;
  if (!isOpen(request.status)) throw new HttpError(409, 'request_closed', 'The request is closed already.');
  // The failed reply waiting for the team, or one decided so before (a repeat whose first try died before the resume).
  const failedReply = (await ports.repo.steps(requestId)).find(
    (step) =>
      step.step === 'step_failure' &&
      isRequesterReplyState(step.details?.failedStep) &&
      (step.status === 'pending' || step.decision === DECISION),
  );
  if (!failedReply) {
    throw new HttpError(409, 'no_failed_reply', 'The request is not waiting at a reply email that failed; only such a request closes as answered another way.');
  }
  await decideStep(ports, {
    requestId,
    stepKey: failedReply.stepKey,
    decision: DECISION,
    actor,
    details: { channel: body.channel, note: body.note },
    onDecided: async () => {
      await ports.repo.updateUnlessSet(requestId, 'replyChannel', {
        replyChannel: { channel: body.channel, note: body.note, answeredBy: actor, answeredAt: new Date().toISOString() },
      });
    },
  });
}
