import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import { reviewedPlan, storesOfRight } from '../core/plan/plan.js';
import { rejection } from '../core/render/index.js';
import { isLateRefusal } from '../core/deadlines/index.js';
import {
  anythingWithheld,
  carriedOutRights,
  checkRightDecisions,
  grantAll,
  refuseAll,
  REJECTION_REASONS,
  reviewDecision,
  type RightDecisions,
} from '../core/request/decisions.js';
import { needsOutcome, type DsrRequestRecord } from '../core/request/model.js';
import { HttpError } from '../shared/http/errors.js';
import { validationFailed } from '../shared/http/validation.js';
import type { RejectionPreview } from './api-types.js';
import { decideStep, notPending } from '../shared/decide-step.js';
import type { AdminPorts } from './ports.js';

const text = z.string().trim().min(1).max(5000);
export const rejectBody = z.strictObject({ reasonCode: z.enum(REJECTION_REASONS).default('other'), reason: text });
export const approveBody = z.strictObject({ outcome: text.optional() }).optional();
// The per-right entries are checked against the request's rights by checkRightDecisions.
export const decideBody = z.strictObject({
  rights: z.record(
    z.string(),
    z.strictObject({
      decision: z.unknown().optional(),
      ground: z.unknown().optional(),
      facts: text.optional(),
      keep: z.unknown().optional(),
      until: z.unknown().optional(),
    }),
  ),
  outcome: text.optional(),
});

type ReviewPorts = Pick<AdminPorts, 'repo' | 'callbacks'>;

/**
 * 409 unless the review step waits, or was decided the same way, right for right, by a
 * call that may have died before the workflow resumed (decideStep finishes it): checked
 * before anything is validated against the request.
 */
async function requireOpenReview(repo: ReviewPorts['repo'], request: DsrRequestRecord, rights: RightDecisions) {
  const step = await repo.findStep(request.requestId, 'review');
  if (step?.status === 'pending') return;
  const sameDecision = step?.decision === reviewDecision(rights) && (!request.decision || isDeepStrictEqual(request.decision.rights, rights));
  if (!sameDecision) throw notPending(step);
}

/**
 * Records the review's decision per right and resumes the workflow with it (the stores
 * of the rights carried out); the one decision of the review step, whoever clicks first.
 */
async function recordReview(ports: ReviewPorts, request: DsrRequestRecord, rights: RightDecisions, outcome: string | undefined, actor: string) {
  const { repo } = ports;
  const { requestId } = request;
  await requireOpenReview(repo, request, rights);
  const decidedAt = new Date().toISOString();
  // Late is better than never (Art. 12(4)): the refusal still goes out, marked late.
  const late = anythingWithheld(rights) && isLateRefusal(request.deadlines, decidedAt);
  const decision = { rights, decidedBy: actor, decidedAt, ...(late ? { late } : {}) };
  // The team's statement of what it did, quoted in the reply (Art. 12(3)/(4)).
  if (!outcome && needsOutcome(carriedOutRights({ types: request.types, decision }))) {
    throw new HttpError(400, 'outcome_required', 'Say what was done: the reply to the requester quotes it.');
  }
  const verdict = reviewDecision(rights);
  await decideStep(ports, {
    requestId,
    stepKey: 'review',
    decision: verdict,
    actor,
    details: { rights, ...(late ? { late } : {}), ...(outcome ? { outcome } : {}) },
    // The stores of the rights carried out; a refused right's stores are not touched.
    output: verdict === 'approved' ? { plan: reviewedPlan({ types: request.types, decision, subject: request.subject }) } : undefined,
    // Stored only by the decision that won the step, before the workflow resumes.
    onDecided: () =>
      repo.update(requestId, {
        decision,
        ...(outcome ? { outcome: { text: outcome, decidedBy: actor, decidedAt: decision.decidedAt } } : {}),
      }).then(() => undefined),
  });
}

/** `approve`: grants every right of the request (with the statement of what was done, where one is needed). */
export async function approve(ports: ReviewPorts, request: DsrRequestRecord, body: z.infer<typeof approveBody>, actor: string) {
  await recordReview(ports, request, grantAll(request.types), body?.outcome, actor);
}

/** `reject`: refuses every right on one ground. */
export async function reject(ports: ReviewPorts, request: DsrRequestRecord, body: z.infer<typeof rejectBody>, actor: string) {
  await recordReview(ports, request, refuseAll(request.types, body.reasonCode, body.reason), undefined, actor);
}

/** `decide`: one decision per right: grant, partial or refuse, with a ground and facts unless granted. */
export async function decide(ports: ReviewPorts, request: DsrRequestRecord, body: z.infer<typeof decideBody>, actor: string) {
  const fields = checkRightDecisions(request.types, body.rights, (right) => storesOfRight(right, request.subject));
  if (fields.length > 0) {
    throw validationFailed(
      fields.map((field) => ({ ...field, message: field.code.replace(/_/g, ' ') })),
      'Decide each right of the request once: grant, partial or refuse, with a ground and facts unless granted.',
    );
  }
  await recordReview(ports, request, body.rights as RightDecisions, body.outcome, actor);
}

/** Decides nothing: the refusal email the requester would get, for the console. */
export function previewRejection(request: DsrRequestRecord, body: z.infer<typeof rejectBody>): RejectionPreview {
  const email = rejection({
    locale: request.locale,
    requestId: request.requestId,
    receivedAt: request.receivedAt,
    types: request.types,
    decisions: refuseAll(request.types, body.reasonCode, body.reason),
  });
  return { subject: email.subject, text: email.text };
}
