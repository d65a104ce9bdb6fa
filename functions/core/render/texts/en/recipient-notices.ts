/**
 * The Art. 19 notices to recipients (processors) of a change to a user's data: English
 * only, since the processors are businesses, so they have no Dutch counterpart.
 * (emails/erasure-notice.ts, restriction-notice.ts, rectification-notice.ts, recipient-notice.ts)
 */
import { RESTRICTION_ATTRIBUTE, RESTRICTION_TAG } from '../../../restriction/marks.js';
import { CONTROLLER, law } from '../../legal.js';
import { privacyLink, type RichText } from '../../layout.js';

const cite = (reference: string) => law(reference, 'en');

/** `category`: what the recipient receives the data as (the inventory's category of the recipient). */
const asRecipient = (category: string, change: string) =>
  `You receive this data from us as a recipient (${category}); under ${cite('Art. 19')} we notify you of the ${change}.`;
const confirm = (what: string, requestId: string): RichText => [`Confirm the ${what} to `, privacyLink(), `, quoting request ${requestId}.`];

export const recipientNotices = {
  footer: (recipient: string, requestId: string): RichText[] => [
    [`${CONTROLLER.name}, privacy team · `, privacyLink()],
    `Sent to the privacy contact of ${recipient} (reference ${requestId})`,
  ],
  account: 'Kiara account',
  request: 'Request',
  recipient: 'Recipient',
  whatWeAsk: 'What we ask of you',
  allDataIn: 'All of this account’s data in these categories:',
  erasure: {
    subject: (requestId: string) => `Erasure notice under ${cite('Art. 19')}: Kiara request ${requestId}`,
    title: 'Please erase your copies of a Kiara user’s data',
    intro: (category: string) =>
      `At the data subject’s request (${cite('Art. 17')}), ${CONTROLLER.name} has erased the personal data below of one of its users. ${asRecipient(category, 'erasure')}`,
    date: 'Erased on',
    heading: 'What was erased',
    ask: (requestId: string) => [
      `Erase every copy of this account’s data in these categories that you hold or process for ${CONTROLLER.name}, including caches, replicas and logs, and backups as our agreement provides.`,
      confirm('erasure', requestId),
    ],
  },
  restriction: {
    subject: (requestId: string) => `Restriction notice under ${cite('Art. 19')}: Kiara request ${requestId}`,
    title: 'Please restrict the processing of a Kiara user’s data',
    intro: (category: string) =>
      `At the data subject’s request (${cite('Art. 18')}), ${CONTROLLER.name} has restricted the processing of the personal data below of one of its users: until we lift the restriction, the data may only be stored. ${asRecipient(category, 'restriction')}`,
    date: 'Restricted since',
    heading: 'What is restricted',
    ask: (requestId: string) => [
      `Store this account’s data in these categories, and do not otherwise process it for ${CONTROLLER.name} (no use, no deletion by retention rules) while the restriction lasts.`,
      [`We do not send a separate notice when the restriction is lifted: before you process this data otherwise, ask `, privacyLink(), ` whether it still applies, quoting request ${requestId}.`],
      `Our own systems carry the mark as the attribute ${RESTRICTION_ATTRIBUTE} on the account and the tag ${RESTRICTION_TAG} on its files.`,
      confirm('restriction', requestId),
    ],
  },
  rectification: {
    subject: (requestId: string) => `Rectification notice under ${cite('Art. 19')}: Kiara request ${requestId}`,
    title: 'Please update your copies of a Kiara user’s data',
    intro: (category: string) =>
      `At the data subject’s request (${cite('Art. 16')}), ${CONTROLLER.name} has corrected the personal data below of one of its users. ${asRecipient(category, 'rectification')}`,
    date: 'Corrected on',
    heading: 'What was corrected',
    ask: (requestId: string) => [
      `Replace or delete every copy of these attributes of this account that you hold or process for ${CONTROLLER.name} outside its own systems, including caches, replicas and logs; ${CONTROLLER.name}’s systems hold the corrected values.`,
      confirm('update', requestId),
    ],
  },
};
