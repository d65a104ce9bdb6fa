/** Emails to the privacy team (team/). They name the request, never the person. */
import type { NoticeKind, ReviewNote } from '../../../request/model.js';
import { CONTROLLER, law } from '../../legal.js';

const cite = (reference: string) => law(reference, 'en');

/** Which deadline: the internal one, the legal one of Art. 12(3), or the refusal deadline of Art. 12(4). */
type Deadline = 'strict' | 'legal' | 'refusal';

export const team = {
  openInConsole: 'Open in the console',
  copyAddress: 'Or copy this address:',
  footer: `Internal message for the ${CONTROLLER.name} privacy team. It deliberately contains no details of the data subject; see the console.`,
  request: 'Request',
  status: 'Status',
  legalDeadline: 'Legal deadline',
  internalDeadline: 'Internal deadline',
  reviewNeeded: {
    subject: (requestId: string, timeLeft: string) => `[DSR] Review needed: ${requestId} (${timeLeft})`,
    title: 'A request needs your review',
    rights: 'Rights',
    notes: {
      requester_email_differs_from_account:
        "The requester's email address differs from the account's email address. Check the identity in the console before you proceed.",
      repeated_request: `Similar requests from the same person arrived recently. Assess whether the request is excessive (${cite('Art. 12(5)')}) and record the facts.`,
      decision_required: 'The request includes a right that the privacy team has to decide on (rectification, restriction or objection).',
    } satisfies Record<ReviewNote, string>,
    open: 'Open the request in the console to review it. The workflow waits for your decision; the deadline keeps running.',
  },
  storeFailure: {
    subject: (requestId: string, store: string) => `[DSR] Store step failed: ${store} for ${requestId}`,
    title: 'A store step failed',
    store: 'Store',
    error: 'Error',
    attempts: 'Attempts',
    waits: 'The workflow has stopped retrying and waits for you: retry the step or resolve it in the console. The deadline keeps running.',
  },
  noticeFailure: {
    subject: (requestId: string, notice: string) => `[DSR] Notice not sent: ${notice.toLowerCase()} for ${requestId}`,
    title: 'A notice to the requester was not sent',
    notice: 'Notice',
    error: 'Error',
    notices: { extension_notice: 'Extension notice', download_link: 'New download link' } satisfies Record<NoticeKind, string>,
    send: 'The change itself is recorded, but the requester has not been told, and the system no longer tries to send the notice on its own. Fix the cause (for example a refused address) and send it from the console with "Send pending notices…" on the request\'s page (it shows "Notice pending").',
  },
  stepFailure: {
    subject: (requestId: string, step: string) => `[DSR] Workflow step failed: ${step} for ${requestId}`,
    title: 'A workflow step failed',
    step: 'Step',
    error: 'Error',
    /** Said when SES refused the step's email (MessageRejected). */
    refused: 'Amazon SES refused to send the email of this step. A retry offers it again; it goes out only once SES accepts it.',
    waits:
      'The workflow has stopped retrying and waits for you. Retry the step in the console once the cause is resolved: the step then runs again from where it failed. The deadline keeps running.',
  },
  triageNeeded: {
    subject: (requestId: string, timeLeft: string) => `[DSR] Email to triage: ${requestId} (${timeLeft})`,
    title: 'An email to the privacy address waits for you',
    held: 'This message was held (spam, virus, failed DMARC check or unreadable): the sender has received no acknowledgement.',
    open: 'Open the message in the console and record which rights it invokes, or dismiss it if it is no privacy request. The deadline keeps running.',
  },
  deadlineReminder: {
    /** `which` is `deadlineNames.strict` or `.legal`. */
    subject: (requestId: string, which: string, timeLeft: string) => `[DSR] Deadline reminder: ${requestId} (${which} ${timeLeft})`,
    title: 'A request is approaching its deadline',
    complete:
      'Complete the request before the internal deadline. If more time is truly needed, the request can only be extended within the first month, with a written reason.',
  },
  deadlineEscalation: {
    subject: (requestId: string, deadline: Deadline) =>
      `[DSR] URGENT: ${{ refusal: 'refusal', legal: 'legal', strict: 'internal' }[deadline]} deadline passed for ${requestId}`,
    title: (deadline: Deadline) => `URGENT: the ${{ refusal: 'refusal', legal: 'legal', strict: 'internal' }[deadline]} deadline has passed`,
    refusal: (date: string) =>
      `The one-month period of ${cite('Art. 12(4)')} ended on ${date}, and the request is still waiting for the review. A refusal, even a partial one, is now late and will be recorded as late. Decide today.`,
    legal: (date: string, status: string) =>
      `The ${cite('Art. 12(3)')} deadline for this request passed on ${date}, and the request is still ${status}. Kiara is now late. Reply to the data subject without further delay and record the cause in the console.`,
    strict: (date: string, status: string, legalDate?: string) =>
      `The internal deadline for this request passed on ${date}, and the request is still ${status}. ${legalDate ? `The legal deadline (${legalDate}) is close` : 'The legal deadline is close'}: handle the request today.`,
    refusalDeadline: 'Deadline for a refusal',
  },
  /** A deadline in a sentence: "internal deadline 3 days left". */
  deadlineNames: { strict: 'internal deadline', legal: 'legal deadline' },
};
