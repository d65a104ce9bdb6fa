/** Receipt of a request (emails/acknowledgement.ts). */
import { law } from '../../legal.js';
import { privacyLink } from '../../layout.js';

const cite = (reference: string) => law(reference, 'en');

export const acknowledgement = {
  subject: (reference: string) => `We have received your privacy request (${reference})`,
  title: 'We have received your privacy request',
  received: (date: string) => `On ${date} we received your request to exercise the following rights under the GDPR:`,
  /** An email to the privacy address names no rights: the team reads it first (triage). */
  receivedEmail: (date: string) =>
    `On ${date} we received your email to our privacy address. Our privacy team reads your message to establish which rights under the GDPR you wish to exercise.`,
  receivedOn: 'Received on',
  replyBy: 'We will reply by',
  confirm: {
    heading: 'Please confirm your email address',
    why: (expires: string) =>
      `Before we act, we need to be sure that the request comes from the person who controls this email address. This prevents anyone else from receiving or erasing your data. Please confirm your email address by ${expires}.`,
    button: 'Confirm my email address',
    page: 'The link opens a page with one button. Your request is confirmed only when you press that button.',
  },
  /** No link is sent: who already confirmed the identity. */
  confirmedByTeam: 'Our privacy team has already established your identity, so we do not need any further confirmation of it.',
  confirmedByLink: 'You have already confirmed your email address, so we do not need any further confirmation of it.',
  confirmedByDashboard:
    'You sent this request while signed in to your Kiara dashboard, so we do not need any further confirmation of your identity.',
  next: {
    heading: 'What happens next',
    search: (afterConfirmation: boolean) =>
      `${afterConfirmation ? 'After you confirm, we look up' : 'We look up'} the Kiara account that belongs to this email address and search all our systems for your personal data.`,
    deadline: (deadline: string) =>
      `We will reply by ${deadline} at the latest. If your request turns out to be complex, we may extend this period by up to two further months (${cite('Art. 12(3)')}); we would tell you so, with the reasons, within one month of receiving your request.`,
    withdrawal:
      'Withdrawing consent takes effect immediately. Kiara currently does not process any personal data on the basis of consent; we will confirm this in our reply.',
    unconfirmed: (expires: string) =>
      `If you have not confirmed your email address by ${expires}, we close the request without acting on it. You can then submit it again.`,
  },
  notYouUnconfirmed: 'Did you not send this request? Then you do not need to do anything: without confirmation, nothing happens.',
  notYouConfirmed: ['Did you not send this request? Then please tell us straight away at ', privacyLink(), '.'],
};
