import type { Texts } from '../en/index.js';
import { SUPERVISORY_AUTHORITY, law } from '../../legal.js';
import { privacyLink, supervisoryLink } from '../../layout.js';

const cite = (reference: string) => law(reference, 'nl');

export const extensionNotice: Texts['extensionNotice'] = {
  subject: (reference) => `Wij hebben meer tijd nodig voor uw privacyverzoek (${reference})`,
  title: 'Wij hebben meer tijd nodig voor uw verzoek',
  extended: (original) =>
    `Wij moeten uw verzoek in beginsel uiterlijk op ${original} beantwoorden. Op grond van ${cite('Art. 12(3)')} mogen wij die termijn met ten hoogste twee maanden verlengen wanneer dat nodig is, gelet op de complexiteit en het aantal verzoeken. Van die mogelijkheid maken wij voor uw verzoek gebruik.`,
  originalDeadline: 'Oorspronkelijke termijn',
  newDeadline: 'Nieuwe termijn',
  whyHeading: 'Waarom wij meer tijd nodig hebben',
  replyBy: (extended) => `Wij reageren uiterlijk op ${extended}, en eerder als dat kan.`,
  disagree: [
    'Bent u het niet eens met de verlenging? Neem dan contact met ons op via ',
    privacyLink(),
    ` of dien een klacht in bij de ${SUPERVISORY_AUTHORITY.name} (`,
    supervisoryLink(),
    ').',
  ],
};
