/** Identity confirmed, but no Kiara account has the address (emails/no-data.ts). */
import { privacyLink, type RichText } from '../../layout.js';

export const noData = {
  subject: (reference: string) => `Result of your privacy request: no account found (${reference})`,
  title: 'We found no Kiara account for this email address',
  searched: (received: string, rights: string) =>
    `Thank you for confirming your email address. Following your request of ${received} (${rights}), we searched for a Kiara account that belongs to the email address this message was sent to. We found none.`,
  nothingHeld:
    'Kiara therefore holds no personal data about you that we could find through this address, and there is nothing to provide, correct or erase. We keep only the record of this request itself, so that we can show how we handled it. We have closed the request.',
  otherDetailsHeading: 'Did you use another email address or other details?',
  otherDetails: (requestId: string): RichText => [
    'If you have used Kiara with another email address, or have other details that could link an account to you, write to ',
    privacyLink(),
    `, quoting reference ${requestId}, with for example:`,
  ],
  examples: [
    'another email address you have a Kiara account with;',
    'the ID of an API key (shown in your dashboard; never send the key itself);',
    'the invoice number of a top-up payment.',
  ],
  searchAgain: 'We will handle your reply as a new request and search again. Please do not send a copy of an identity document; we do not need one.',
};
