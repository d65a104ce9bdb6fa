/**
 * Pieces shared by many English texts: the footer and reference of every email to the
 * person, the first sentence of a reply, the remedies, the Art. 19 recipients, dates,
 * counts and request statuses.
 */
import type { RequestStatus } from '../../../request/model.js';
import { CONTROLLER, SUPERVISORY_AUTHORITY, law } from '../../legal.js';
import { privacyLink, supervisoryLink, type RichText } from '../../layout.js';

const cite = (reference: string) => law(reference, 'en');

export const common = {
  /** The footer of every email to the person. */
  footer: (requestId: string): RichText[] => [[`${CONTROLLER.name}, privacy team · `, privacyLink()], `Reference of your request: ${requestId}`],
  /** A fact's label: "Reference: dsr_…". */
  reference: 'Reference',
  /** In a subject line, before the `[dsr_…]` tag. */
  subjectReference: 'reference',
  /** The first sentence of a reply; `then` follows it. */
  replyIntro: (received: string, rights: string, then: string) => `On ${received} we received your request (${rights}). ${then}`,
  /** Under a button, before its address. */
  buttonFallback: 'If the button does not work, copy this address into your browser:',
  remedies: {
    heading: 'What you can do',
    intro: 'If you disagree with this decision, you can:',
    complaint: [
      `lodge a complaint with the ${SUPERVISORY_AUTHORITY.name}, the Dutch data protection authority (`,
      supervisoryLink(),
      `), or with the supervisory authority in the EU country where you live or work (${cite('Art. 77')});`,
    ],
    court: `apply to a court (${cite('Art. 79')}): under art. 35 of the Dutch GDPR Implementation Act (UAVG) you can ask the district court (rechtbank) to order Kiara to grant your request. The petition must be filed within six weeks of receiving this reply.`,
    replyFirst: (requestId: string): RichText => [
      'You can also reply to us first at ',
      privacyLink(),
      `, quoting reference ${requestId}. If you give us new information, we will handle it as a new request.`,
    ],
  },
  /** Art. 19, second sentence; `change` is the change in a sentence's words ("the erasure"). */
  informed: {
    heading: 'Who we informed',
    intro: (change: string) => `We have notified the processors that receive personal data from Kiara of ${change} (${cite('Art. 19')}):`,
  },
  /** After a date and time: "15 June 2026 at 00:15 (Amsterdam time)". */
  timeZone: 'Amsterdam time',
  /** Singular and plural of what is counted. */
  units: {
    item: ['item', 'items'],
    file: ['file', 'files'],
    day: ['day', 'days'],
  } satisfies Record<string, [string, string]>,
  /** Time left until a deadline, for the privacy team; `days` is a count with its unit. */
  daysLeft: {
    today: 'due today',
    left: (days: string) => `${days} left`,
    overdue: (days: string) => `${days} overdue`,
  },
  status: {
    awaiting_identity: 'awaiting identity confirmation',
    awaiting_triage: 'awaiting triage by the privacy team',
    resolving: 'looking up the account',
    awaiting_review: 'awaiting review',
    processing: 'processing',
    awaiting_store_retry: 'waiting for a store retry',
    awaiting_step_retry: 'waiting for a retry of a failed step',
    responding: 'sending the reply',
    completed: 'completed',
    completed_no_data: 'completed (no data found)',
    rejected: 'rejected',
    closed_unverified: 'closed (identity not confirmed)',
    cancelled: 'cancelled',
    duplicate: 'closed (repeats an open request)',
    dismissed: 'closed (no rights request)',
  } satisfies Record<RequestStatus, string>,
};
