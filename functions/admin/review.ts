import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import { reviewedPlan } from '../core/plan/plan.js';
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
import type { RequestsRepo } from '../shared/ports/requests-repo.js';
import { parseBody } from './body.js';
import { decideStep, notPending } from './decide.js';

const text = z.string().trim().min(1).max(5000);
const rejectBody = z.strictObject({ reasonCode: z.enum(REJECTION_REASONS).default('other'), reason: text });
const approveBody = z.strictObject({ outcome: text.optional() }).optional();
// The per-right entries are checked against the request's rights by checkRightDecisions.
const decideBody = z.strictObject({
  rights: z.record(z.string(), z.strictObject({ decision: z.unknown().optional(), ground: z.unknown().optional(), facts: text.optional() })),
  outcome: text.optional(),
});

/**
 * The review decisions of the admin API: `decide` (one decision per right) and its
 * shorthands `approve` (grant all) and `reject` (refuse all on one ground), plus the
 * refusal preview. Each returns nothing, or what the caller shows instead of the detail.
 */
export function reviewActions(repo: RequestsRepo) {
  /** 409 unless the review step waits: checked before anything is validated against the request. */
  async function requirePendingReview(requestId: string) {
    const pending = await repo.findStep(requestId, 'review');
    if (pending?.status !== 'pending') throw notPending(pending);
  }

  async function record(request: DsrRequestRecord, rights: RightDecisions, outcome: string | undefined, actor: string) {
    const { requestId } = request;
    await requirePendingReview(requestId);
    const decidedAt = new Date().toISOString();
    // Late is better than never (Art. 12(4)): the refusal still goes out, marked late.
    const late = anythingWithheld(rights) && isLateRefusal(request.deadlines, decidedAt);
    const decision = { rights, decidedBy: actor, decidedAt, ...(late ? { late } : {}) };
    // The team's statement of what it did, quoted in the reply (Art. 12(3)/(4)).
    if (!outcome && needsOutcome(carriedOutRights({ types: request.types, decision }))) {
      throw new HttpError(400, 'outcome_required', 'Say what was done: the reply to the requester quotes it.');
    }
    const verdict = reviewDecision(rights);
    await decideStep(repo, {
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

  return {
    async approve(event: APIGatewayProxyEvent, request: DsrRequestRecord, actor: string) {
      await record(request, grantAll(request.types), parseBody(approveBody, event)?.outcome, actor);
    },
    async reject(event: APIGatewayProxyEvent, request: DsrRequestRecord, actor: string) {
      const body = parseBody(rejectBody, event);
      await record(request, refuseAll(request.types, body.reasonCode, body.reason), undefined, actor);
    },
    async decide(event: APIGatewayProxyEvent, request: DsrRequestRecord, actor: string) {
      const body = parseBody(decideBody, event);
      const fields = checkRightDecisions(request.types, body.rights);
      if (fields.length > 0) {
        throw new HttpError(400, 'validation_failed', 'Decide each right of the request once: grant, partial or refuse, with a ground and facts unless granted.',
          fields.map((field) => ({ ...field, message: field.code.replace(/_/g, ' ') })));
      }
      await record(request, body.rights as RightDecisions, body.outcome, actor);
    },
    /** Decides nothing: the refusal email the requester would get, for the console. */
    async 'preview-rejection'(event: APIGatewayProxyEvent, request: DsrRequestRecord) {
      const body = parseBody(rejectBody, event);
      const email = rejection({
        locale: request.locale,
        requestId: request.requestId,
        receivedAt: request.receivedAt,
        types: request.types,
        decisions: refuseAll(request.types, body.reasonCode, body.reason),
      });
      return { subject: email.subject, text: email.text };
    },
  };
}
