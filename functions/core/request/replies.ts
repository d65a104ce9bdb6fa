/**
 * The replies the Respond step sends, as the workflow names them in its payload: the
 * outcome of a completed request, no data found, a refusal, an expired identity link, a
 * cancellation, and (after an erasure) the Art. 19 notices to the recipients.
 */
export const REPLY_KINDS = ['result', 'no_data', 'rejection', 'identity_expired', 'cancellation', 'recipient_notices'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/**
 * What a person decided on a waiting step, as the resumed execution reads it: the
 * requester confirmed the identity link, the team triaged a mail, approved or rejected the
 * review, cancelled, dismissed the request as no rights request, or retried a failed store.
 */
export const STEP_DECISIONS = ['confirmed', 'triaged', 'approved', 'rejected', 'cancelled', 'dismissed', 'retry'] as const;
export type StepDecision = (typeof STEP_DECISIONS)[number];
