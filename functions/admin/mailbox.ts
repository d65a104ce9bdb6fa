import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import { RIGHTS } from '../core/inventory/types.js';
import { dismissalReply } from '../core/render/index.js';
import { DISMISSABLE_STEPS, isStepIn, type DsrRequestRecord } from '../core/request/model.js';
import { HttpError } from '../shared/http/errors.js';
import { decideStep } from '../shared/decide-step.js';
import type { AdminPorts } from './ports.js';

export const triageBody = z.strictObject({ types: z.array(z.enum(RIGHTS)).min(1).max(RIGHTS.length) });
export const dismissBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
  /** The team's own words to the sender; no reply when absent. */
  reply: z.string().trim().min(1).max(5000).optional(),
});

/** Records a decision on the request item once: a second decision of the same kind is 409. */
async function recordOnce(repo: AdminPorts['repo'], requestId: string, field: 'triage' | 'dismissal', changes: Partial<DsrRequestRecord>) {
  if (!(await repo.updateUnlessSet(requestId, field, changes))) {
    throw new HttpError(409, 'already_decided', 'The privacy team already decided this.');
  }
}

const sameRights = (a: readonly string[] = [], b: readonly string[]) => isDeepStrictEqual([...a].sort(), [...b].sort());

/**
 * Triage: the team says which rights a mail invokes. The workflow waiting at Triage
 * resumes; mail that was held (no acknowledgement went out) starts its workflow now,
 * which acknowledges it and sends the identity link. The same triage repeated finishes a
 * call that died after recording it (decideStep resumes the workflow, or held mail's
 * workflow starts); once that happened, or for other rights, it is 409.
 */
export async function triage(
  ports: Pick<AdminPorts, 'repo' | 'callbacks' | 'startWorkflow'>,
  request: DsrRequestRecord,
  body: z.infer<typeof triageBody>,
  actor: string,
) {
  const { repo } = ports;
  const step = await repo.findStep(request.requestId, 'triage');
  const again = request.triage !== undefined && sameRights(request.triage.types, body.types);
  const decidedSo = step?.status === 'resolved' && step.decision === 'triaged' && again;
  if (step?.status !== 'pending' && !decidedSo) {
    throw new HttpError(409, step ? 'already_decided' : 'no_pending_step', 'The request is not waiting for triage.');
  }
  if (request.mail?.held && !request.contactEmail) {
    throw new HttpError(409, 'no_reply_address', 'The message has no address to answer: dismiss it instead.');
  }
  if (!again) {
    await recordOnce(repo, request.requestId, 'triage', {
      types: body.types,
      triage: { types: body.types, decidedBy: actor, decidedAt: new Date().toISOString() },
    });
  }
  try {
    await decideStep(ports, { requestId: request.requestId, stepKey: 'triage', decision: 'triaged', actor, details: { types: body.types.join(',') } });
  } catch (error) {
    // Held mail: the decision is all on record, but the call that made it may have died before the start.
    const finished = error instanceof HttpError && error.status === 409 && again && request.mail?.held;
    if (finished && (await ports.startWorkflow(request.requestId))) return;
    throw error;
  }
  if (request.mail?.held) await ports.startWorkflow(request.requestId);
}

/**
 * The step a dismissal acts on: the one waiting, or for the same dismissal repeated (a call
 * that died after deciding its step) the step it decided.
 */
async function dismissedStep(repo: AdminPorts['repo'], request: DsrRequestRecord, again: boolean) {
  const pending = (await repo.pendingSteps(request.requestId)).find((step) => isStepIn(DISMISSABLE_STEPS, step.step));
  if (pending || !again) return pending;
  const decided = await Promise.all(DISMISSABLE_STEPS.map((step) => repo.findStep(request.requestId, step)));
  return decided.find((step) => step?.status === 'resolved' && step.decision === 'dismissed');
}

/**
 * Dismiss: the mail is no rights request. It closes at whichever step it waits for, up to
 * the review decision, with no further workflow; the sender gets the team's reply only
 * when the team writes one. The same dismissal repeated finishes a call that died after
 * recording it; once all of it was done, or for another reason, it is 409.
 */
export async function dismiss(
  ports: Pick<AdminPorts, 'repo' | 'callbacks' | 'mailer'>,
  request: DsrRequestRecord,
  body: z.infer<typeof dismissBody>,
  actor: string,
) {
  const { repo } = ports;
  const again = request.dismissal?.reason === body.reason;
  const step = await dismissedStep(repo, request, again);
  if (!step) throw new HttpError(409, 'not_dismissable', 'Only a request that waits for identity, triage or review can be dismissed.');
  if (body.reply && !request.contactEmail) throw new HttpError(409, 'no_reply_address', 'The message has no address to answer.');
  const dismissedAt = request.dismissal?.dismissedAt ?? new Date().toISOString();
  if (!again) await recordOnce(repo, request.requestId, 'dismissal', { dismissal: { reason: body.reason, dismissedBy: actor, dismissedAt } });
  // A repeat whose decision is all on record (409) may still have the closure or the reply to do.
  const refused = await decideStep(ports, { requestId: request.requestId, stepKey: step.stepKey, decision: 'dismissed', actor }).then(
    () => undefined,
    (error: unknown) => {
      if (again && error instanceof HttpError && error.status === 409) return error;
      throw error;
    },
  );
  // Held mail: no workflow runs, so the request closes here (the workflow's Close does it otherwise).
  const closedHere =
    request.mail?.held && step.step === 'triage' && !(await repo.auditTrail(request.requestId)).some((event) => event.type === 'closed');
  if (closedHere) {
    await repo.update(request.requestId, { status: 'dismissed', closedAt: dismissedAt }, ['pendingStep']);
    await repo.audit(request.requestId, { type: 'closed', actor, details: { status: 'dismissed' } });
  }
  const replied =
    body.reply !== undefined &&
    (await ports.mailer.sendOnce({
      requestId: request.requestId,
      kind: 'dismissal_reply',
      to: request.contactEmail,
      email: dismissalReply({ locale: request.locale, requestId: request.requestId, receivedAt: request.receivedAt, message: body.reply }),
    }));
  if (refused && !closedHere && !replied) throw refused;
}
