/** Art. 18(3): the person is told before the restriction is lifted (emails/restriction-lifted.ts). */
import { law } from '../../legal.js';
import { privacyLink } from '../../layout.js';

const cite = (reference: string) => law(reference, 'en');

export const restrictionLifted = {
  title: 'We are lifting the restriction of the processing of your data',
  /** Follows "On … we received your request (…)." */
  then: `We restricted the processing of your data at that request. As ${cite('Art. 18(3)')} requires, we tell you before we lift the restriction.`,
  whyHeading: 'Why',
  changesHeading: 'What changes',
  changes: [
    'Right after this email we start removing the restriction mark from your account and your files. Once it is removed, we process your data again as our privacy policy describes.',
    'We then also delete the copy we kept of data that would otherwise have been deleted at the end of its retention period; data past its retention period is no longer kept.',
  ],
  questions: ['If you have questions or disagree, please let us know at ', privacyLink(), '.'],
};
