/** The access or portability package is ready, or a new link for it (emails/access-ready.ts). */
import { law } from '../../legal.js';
import { privacyLink, type RichText } from '../../layout.js';

const cite = (reference: string) => law(reference, 'en');

export const accessReady = {
  subject: (reference: string) => `Your personal data is ready to download (${reference})`,
  title: 'Your data is ready',
  reissuedSubject: (reference: string) => `A new download link for your personal data (${reference})`,
  reissuedTitle: 'A new download link',
  reissued: 'As you asked, we are sending you a new download link for your data. The previous link no longer works.',
  intro: (rights: string) => `We have put together a copy of the personal data Kiara holds about you, in response to your request (${rights}).`,
  button: 'Download your data (ZIP)',
  linkValidUntil: 'Link valid until',
  packageDeletedOn: 'Package deleted on',
  personalLink: (packageUntil: string): RichText => [
    'The link is personal: anyone who has it can download your data, so please do not forward this email. If the link has expired, write to ',
    privacyLink(),
    ` before ${packageUntil}: we will send you a new link, and the previous one will stop working. After that date the package is deleted, and you can submit a new request.`,
  ],
  contentsHeading: 'What the ZIP file contains',
  contentsCaption: 'Data per part',
  contentsHead: ['Data', 'Number'],
  nothingFound: 'We found no data to include.',
  formats: (media: boolean) =>
    `The data is machine-readable: each part is in the data/ folder as a JSON file and as a CSV file.${media ? ' Your uploaded and generated files are in the media/ folder, in their original format.' : ''}`,
  portability: `Because you asked for data portability (${cite('Art. 20')}), the package contains the data you provided to us and the data recorded while you used the Service, in a structured, commonly used and machine-readable format. You can pass it on to another service yourself.`,
  readme: `The ZIP file also contains README.html. For each part, it explains why we process the data and on which legal basis, who receives it, how long we keep it and where it comes from, as well as your other rights (${cite('Art. 15(1)')}).`,
};
