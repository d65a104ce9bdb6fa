/**
 * The reply to rights the privacy team acts on by hand: rectification, restriction,
 * objection, withdrawn consent (emails/rights-outcome.ts).
 */
import { law } from '../../legal.js';

const cite = (reference: string) => law(reference, 'en');

export const rightsOutcome = {
  title: 'Action taken on your privacy request',
  intro: (received: string, rights: string) => `On ${received} we received your request (${rights}). This message tells you what we did.`,
  /** Quoted by the sentences below as "What we did". */
  whatWeDid: 'What we did',
  /** The fixed legal sentence of each right (gdpr-rules.md §4). */
  withdrawConsent:
    'Kiara processes no personal data on the basis of your consent: we use your data only on other legal bases, such as our contract with you, legal obligations and legitimate interests. There was therefore nothing to stop. We have recorded the withdrawal of your consent; it takes effect immediately.',
  restriction: `We have restricted the processing of your data: it is now only stored, and not used for anything else except with your consent or on a ground of ${cite('Art. 18(2)')}. We will tell you before the restriction is lifted (${cite('Art. 18(3)')}).`,
  rectification: 'We have corrected your data as described above under "What we did".',
  objectionGranted: `We have stopped processing your data on the basis of our legitimate interests (${cite('Art. 6(1)(f)')}). Above, under "What we did", we say which processing stopped.`,
  objectionPartial: `We have stopped part of the processing of your data on the basis of our legitimate interests (${cite('Art. 6(1)(f)')}). We continue the rest because we documented compelling legitimate grounds (${cite('Art. 21(1)')}); above, under "What we did", we say which processing stopped, and our decision on each right states which processing continues and why.`,
  changed: 'This is what we changed in your account:',
  /** An attribute not repeated (an email address): the reply need not reach either one. */
  correctedUnrepeated: (field: string) => `${field}: corrected (for your security we do not repeat it in this message)`,
  /** Values of a correction shown in words. */
  values: { true: 'on', false: 'off', en: 'English', nl: 'Dutch' },
  informedChange: 'the correction',
  rest: (rights: string) => `We answer the rest of your request (${rights}) in a separate message.`,
};
