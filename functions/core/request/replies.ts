/**
 * The replies the Respond step sends, as the workflow names them in its payload: the
 * outcome of a completed request, no data found, a refusal, an expired identity link, a
 * cancellation, and the Art. 19 notices to the recipients: after an erasure, and once a
 * restriction is in place.
 */
export const REPLY_KINDS = ['result', 'no_data', 'rejection', 'identity_expired', 'cancellation', 'recipient_notices', 'restriction_notices'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/**
 * What a person decided on a waiting step, as the resumed execution reads it: the
 * requester confirmed the identity link, the team triaged a mail, approved or rejected the
 * review, cancelled, dismissed the request as no rights request, retried a failed store or
 * step, or gave a refused reply another way.
 */
export const STEP_DECISIONS = ['confirmed', 'triaged', 'approved', 'rejected', 'cancelled', 'dismissed', 'retry', 'answered_otherwise'] as const;
export type StepDecision = (typeof STEP_DECISIONS)[number];

/**
 * The workflow states that send the requester's reply, each followed by the request's
 * close. Where the email cannot be delivered (SES refused the address), the team may give
 * the reply another way and decide the failed state `answered_otherwise`: the close runs
 * without the email.
 */
export const REQUESTER_REPLY_STATES = ['RespondResult', 'RespondNoData', 'RespondRejection', 'RespondCancellation', 'RespondIdentityExpired'] as const;
export type RequesterReplyState = (typeof REQUESTER_REPLY_STATES)[number];

/** Whether a failed workflow state (as a `step_failure` names it) sends the requester's reply. */
export const isRequesterReplyState = (state: unknown): state is RequesterReplyState =>
  (REQUESTER_REPLY_STATES as readonly unknown[]).includes(state);
