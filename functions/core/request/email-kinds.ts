/**
 * Every email the system sends, by kind: the once-only marker of a send (`sendOnce`) is
 * the kind, or `kind#…` for a kind that goes out more than once per request. The admin
 * API lists the markers sent (`emailsSent`); the console names them by kind.
 */
export type EmailKind =
  // To the requester.
  | 'acknowledgement'
  | 'verification_resend'
  | 'identity_expired'
  | 'extension_notice'
  | 'access_ready'
  | 'download_link'
  | 'erasure_report'
  | 'no_data'
  | 'rejection'
  | 'rights_outcome'
  | 'cancellation'
  | 'dismissal_reply'
  | 'minor_erasure_notice'
  // To the privacy team.
  | 'triage_needed'
  | 'review_needed'
  | 'store_failure'
  | 'notice_failure'
  | 'step_failure'
  | 'reminder'
  | 'escalation'
  | 'restriction_lifted'
  // To a recipient of erased or restricted data (Art. 19).
  | 'art19_notice'
  | 'art19_restriction';

/** The once-only marker of an email: its kind, and after `#` what tells sends of one kind apart. */
export type EmailMarker = EmailKind | `${EmailKind}#${string}`;

/** The kind of a marker (`download_link#…` → `download_link`). */
export const emailKindOf = (marker: EmailMarker): EmailKind => marker.split('#')[0] as EmailKind;
