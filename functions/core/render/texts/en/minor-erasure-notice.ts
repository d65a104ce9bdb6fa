/** Policy §12: Kiara deleted the account of someone under 18 (emails/minor-erasure-notice.ts). Plain words for a young reader. */
import { privacyLink } from '../../layout.js';

export const minorErasureNotice = {
  subject: (reference: string) => `We have deleted your Kiara account (${reference})`,
  title: 'We have deleted your Kiara account',
  why: 'We have learned that this account belongs to someone under 18. Kiara is not meant for people under 18, and our privacy policy says that we delete their data as soon as we know. We have therefore deleted your account and the data that belongs to it.',
  deletedHeading: 'What we deleted',
  nothingFound: 'We found no data.',
  keptHeading: 'What we had to keep',
  /** A kept store: until when, the exception (a citation) and why (a sentence). */
  kept: (store: string, until: string, exception: string, reason: string) => `${store}, until ${until} (exception: ${exception}). ${reason}`,
  afterDate: 'After that date the exception no longer applies; you can then ask us to delete this data as well.',
  question: ['Are you 18 or older, or do you have a question? Please contact us at ', privacyLink(), '.'],
};
