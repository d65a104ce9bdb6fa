import type { Texts } from '../en/index.js';
import { privacyLink } from '../../layout.js';

export const identityExpired: Texts['identityExpired'] = {
  subject: (reference) => `Uw privacyverzoek is gesloten (${reference})`,
  title: 'Uw privacyverzoek is gesloten',
  notConfirmed: (received, rights, confirmBy) =>
    `Op ${received} hebben wij een verzoek ontvangen om uw rechten uit de AVG uit te oefenen (${rights}). Wij hebben u gevraagd uw e-mailadres uiterlijk ${confirmBy} te bevestigen. Die bevestiging hebben wij niet ontvangen.`,
  closed: 'Daarom hebben wij het verzoek gesloten zonder er iets mee te doen: wij hebben geen gegevens doorzocht, verstrekt of gewist.',
  againHeading: 'Wilt u uw verzoek opnieuw indienen?',
  again: [
    'Stuur dan een e-mail naar ',
    privacyLink(),
    ' vanaf het e-mailadres dat bij uw Kiara-account hoort, en vermeld welke rechten u wilt uitoefenen. Bevestig daarna uw e-mailadres via de nieuwe link die wij u sturen, voordat die verloopt. U kunt uw verzoek ook indienen terwijl u bent ingelogd in uw Kiara-dashboard; dan is geen aparte bevestiging nodig.',
  ],
  notYou: 'Heeft u het oorspronkelijke verzoek niet ingediend? Dan hoeft u niets te doen.',
};
