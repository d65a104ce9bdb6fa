/** The request was closed because the email address was not confirmed in time (emails/identity-expired.ts). */
import { privacyLink } from '../../layout.js';

export const identityExpired = {
  subject: (reference: string) => `Your privacy request has been closed (${reference})`,
  title: 'Your privacy request has been closed',
  notConfirmed: (received: string, rights: string, confirmBy: string) =>
    `On ${received} we received a request to exercise your rights under the GDPR (${rights}). We asked you to confirm your email address by ${confirmBy}. We did not receive that confirmation.`,
  closed: 'We have therefore closed the request without acting on it: we have not searched, provided or erased any data.',
  againHeading: 'Would you like to submit your request again?',
  again: [
    'Send an email to ',
    privacyLink(),
    ' from the email address of your Kiara account, and say which rights you want to exercise. Then confirm your email address with the new link we send you, before it expires. You can also submit your request while signed in to your Kiara dashboard; then no separate confirmation is needed.',
  ],
  notYou: 'If you did not send the original request, you do not need to do anything.',
};
