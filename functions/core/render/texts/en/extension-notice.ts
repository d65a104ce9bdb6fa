/** The deadline is extended under Art. 12(3): the reasons and the new date (emails/extension-notice.ts). */
import { SUPERVISORY_AUTHORITY, law } from '../../legal.js';
import { privacyLink, supervisoryLink } from '../../layout.js';

const cite = (reference: string) => law(reference, 'en');

export const extensionNotice = {
  subject: (reference: string) => `We need more time for your privacy request (${reference})`,
  title: 'We need more time to handle your request',
  extended: (original: string) =>
    `We would normally have to reply to your request by ${original}. Under ${cite('Art. 12(3)')} we may extend that period by up to two further months where necessary, taking into account the complexity and number of requests. We are doing so for your request.`,
  originalDeadline: 'Original deadline',
  newDeadline: 'New deadline',
  whyHeading: 'Why we need more time',
  replyBy: (extended: string) => `We will reply by ${extended} at the latest, and sooner if we can.`,
  disagree: [
    'If you disagree with the extension, please contact us at ',
    privacyLink(),
    ` or lodge a complaint with the ${SUPERVISORY_AUTHORITY.name} (`,
    supervisoryLink(),
    ').',
  ],
};
