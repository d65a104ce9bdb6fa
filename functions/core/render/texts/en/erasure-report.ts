/** What was erased, what was kept and why, who was told (emails/erasure-report.ts, erasure-remains.ts). */
import { law } from '../../legal.js';

const cite = (reference: string) => law(reference, 'en');

export const erasureReport = {
  subject: (reference: string) => `Your personal data has been erased (${reference})`,
  title: 'We have erased your personal data',
  intro: `We have carried out your request for erasure (${cite('Art. 17')}). Below you can see what we erased, what we are required to keep, and why.`,
  erasedHeading: 'What we erased',
  erasedCaption: 'Erased data',
  erasedHead: ['Data', 'Erased'],
  nothingErased: 'We found no data to erase.',
  keptHeading: 'What we kept, and why',
  keptCaption: 'Kept data',
  keptHead: ['Data', 'Number', 'Exception and reason', 'Kept until'],
  /** The count column of a store the review kept whole. */
  allData: 'all data',
  keptPurpose:
    'We use the data we keep only for this purpose. After the date stated, the exception no longer applies; you can then ask us again to erase the data.',
  nothingKept: 'Apart from the record of this request, we have not kept any of your personal data.',
  /** The change the recipients were told of, in a sentence's words. */
  informedChange: 'the erasure',
  record: `We keep a record of how we handled your request, because the GDPR requires us to be able to show this (${cite('Art. 5(2)')}). It does not contain a copy of your data.`,
  remains: {
    heading: 'What else remains, and until when',
    earlierCopies: (count: string, one: boolean) =>
      `Earlier copies: we have also deleted ${count} ${one ? 'earlier copy' : 'earlier copies'} of your data that we had prepared for you on your earlier access or portability request${one ? '' : 's'}. Their download links no longer work.`,
    records: (years: string) =>
      `Records of your requests: we keep the record of this request and of your earlier requests for ${years} years after each request was closed, because we must be able to show that we handled them as the GDPR requires (${cite('Art. 5(2)')} and ${cite('Art. 12')}). Then we delete them.`,
    backups: (until: string, days: number) =>
      `Backups: the erased data can still be restored from our database backups (point-in-time recovery) until ${until} (${days} days). After that it is gone for good.`,
  },
};
