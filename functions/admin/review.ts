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
import { checkCorrections, type CorrectableField, type Correction } from '../core/inventory/rectification.js';
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
  // Corrections the connector writes (Art. 16); checked against the inventory by checkCorrections.
  rectify: z
    .array(z.strictObject({ storeId: z.string(), field: z.string(), from: z.union([z.string(), z.boolean()]), to: z.union([z.string(), z.boolean()]) }))
    .min(1)
    .max(20)
    .optional(),
});

type ReviewPorts = Pick<AdminPorts, 'repo' | 'callbacks' | 'correct'>;

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
async function recordReview(
  ports: ReviewPorts,
  request: DsrRequestRecord,
  rights: RightDecisions,
  outcome: string | undefined,
  actor: string,
  corrections: readonly Correction[] = [],
) {
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
  const rectified = await applyCorrections(ports, request, corrections, actor);
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
        ...(rectified.length > 0 ? { rectified } : {}),
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
  const rights = body.rights as RightDecisions;
  const corrections = body.rectify ?? [];
  if (corrections.length > 0) {
    const granted = rights.rectification && rights.rectification.decision !== 'refuse';
    if (!granted) throw new HttpError(400, 'rectification_not_granted', 'Corrections are written only when rectification is granted.');
    const invalid = checkCorrections(corrections);
    if (invalid.length > 0) {
      throw validationFailed(
        invalid.map((field) => ({ ...field, message: field.code.replace(/_/g, ' ') })),
        'Each correction names a rectifiable attribute of a store, with its current and its corrected value.',
      );
    }
  }
  await recordReview(ports, request, rights, body.outcome, actor, corrections);
}

/**
 * Writes the corrections, store by store, before the decision is recorded: a correction
 * whose old value the store no longer holds is refused (409) with nothing written in it.
 * A repeated decide whose corrections an earlier try wrote before it died (the store holds
 * every new value) writes nothing again and goes on to record the decision; the audit
 * names each store once.
 */
async function applyCorrections(ports: ReviewPorts, request: DsrRequestRecord, corrections: readonly Correction[], actor: string) {
  if (corrections.length === 0) return [];
  const accountId = request.subject?.accountId;
  if (!accountId) throw new HttpError(409, 'no_account', 'No Kiara account was found for this person: there is nothing to correct.');
  const appliedAt = new Date().toISOString();
  for (const storeId of new Set(corrections.map((correction) => correction.storeId))) {
    const ofStore = corrections.filter((correction) => correction.storeId === storeId);
    const written = await ports.correct(storeId, accountId, ofStore);
    if (written === 'stale') {
      throw new HttpError(409, 'rectification_stale', `The ${storeId} store no longer holds the old value of a correction: reload and decide again.`);
    }
    if (written === 'already_applied' && (await audited(ports, request.requestId, storeId))) continue;
    await ports.repo.audit(request.requestId, {
      type: 'rectification_applied',
      actor,
      details: { storeId, fields: ofStore.map((correction) => correction.field).join(',') },
    });
  }
  // checkCorrections admitted only correctable fields.
  return corrections.map((correction) => ({ ...correction, field: correction.field as CorrectableField, appliedAt, appliedBy: actor }));
}

/** Whether an earlier try of this request's decision audited its corrections of the store. */
async function audited(ports: ReviewPorts, requestId: string, storeId: string) {
  return (await ports.repo.auditTrail(requestId)).some((event) => event.type === 'rectification_applied' && event.details?.storeId === storeId);
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
