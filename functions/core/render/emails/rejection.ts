import { reviewDecision } from '../../request/decisions.js';
import { decisionBlocks, type ReviewedRights } from '../decisions.js';
import { textsFor } from '../texts/index.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { remedyBlocks, replyEmail } from './common.js';

/** `decisions`: the decision on each right; at least one is refused or granted only in part. */
export interface RejectionInput extends SubjectEmailBase, ReviewedRights {
  receivedAt: IsoInstant;
}

/**
 * The reply when nothing of the request is carried out (Art. 12(4)/(5)): the decision
 * on each right, its ground and facts, and the remedies.
 */
export function rejection(input: RejectionInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).rejection;
  const partial = reviewDecision(input.decisions) === 'approved';
  return replyEmail(input, partial ? t.partialTitle : t.title, partial ? t.partialThen : t.then, [
    ...decisionBlocks(input, locale),
    ...remedyBlocks(requestId, locale),
  ]);
}
