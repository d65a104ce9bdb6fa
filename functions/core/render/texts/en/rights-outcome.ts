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
  /** What a restriction put in place: the data it covers, the marks, the held copy, who was told. */
  restricted: {
    heading: 'What is restricted',
    covers: 'The restriction covers all data of your Kiara account, in these categories:',
    howMarked: 'This is how we marked it:',
    accountMarked: 'Your account carries a restriction mark, which Kiara’s services check before they use any of your data.',
    filesMarked: (files: string) => `We also marked each of your files as restricted (${files}).`,
    noFiles: 'There were no files of yours to mark.',
    copyHeading: 'The copy we keep',
    copyKept:
      'Part of your data is normally deleted automatically at the end of its retention period. So that this data is not lost while the restriction is in place, we keep an encrypted copy of it until we lift the restriction:',
    /** One store of the copy: its title, its count ("21 items") and its retention ("up to 30 days"). */
    heldStore: (store: string, count: string, kept: string) => `${store}: ${count} (normally kept: ${kept})`,
    copyDeleted: 'When we lift the restriction, we delete this copy; data whose retention period has passed by then is no longer kept.',
    noCopy: 'We hold none of your data that is deleted automatically after a retention period, so we keep no separate copy.',
    informed: `We have notified the recipients of your data of the restriction (${cite('Art. 19')}):`,
    noneInformed: `We have not notified any recipient of your data of the restriction (${cite('Art. 19')}).`,
  },
};
