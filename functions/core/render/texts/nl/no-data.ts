import type { Texts } from '../en/index.js';
import { privacyLink } from '../../layout.js';

export const noData: Texts['noData'] = {
  subject: (reference) => `Resultaat van uw privacyverzoek: geen account gevonden (${reference})`,
  title: 'Wij hebben geen Kiara-account gevonden bij dit e-mailadres',
  searched: (received, rights) =>
    `Bedankt voor het bevestigen van uw e-mailadres. Naar aanleiding van uw verzoek van ${received} (${rights}) hebben wij gezocht naar een Kiara-account dat hoort bij het e-mailadres waarnaar dit bericht is verstuurd. Wij hebben er geen gevonden.`,
  nothingHeld:
    'Kiara heeft dus geen persoonsgegevens over u die wij via dit adres konden vinden, en er is niets om te verstrekken, te corrigeren of te wissen. Wij bewaren alleen de registratie van dit verzoek zelf, zodat wij kunnen aantonen hoe wij het hebben afgehandeld. Wij hebben het verzoek gesloten.',
  otherDetailsHeading: 'Heeft u een ander e-mailadres of andere gegevens gebruikt?',
  otherDetails: (requestId) => [
    'Heeft u Kiara met een ander e-mailadres gebruikt, of heeft u andere gegevens waarmee wij een account aan u kunnen koppelen? Schrijf dan naar ',
    privacyLink(),
    `, vermeld kenmerk ${requestId} en stuur bijvoorbeeld mee:`,
  ],
  examples: [
    'een ander e-mailadres waarmee u een Kiara-account heeft;',
    'het ID van een API-sleutel (te zien in uw dashboard; stuur nooit de sleutel zelf);',
    'het factuurnummer van een betaling voor tegoed.',
  ],
  searchAgain: 'Wij behandelen uw antwoord dan als een nieuw verzoek en zoeken opnieuw. Stuur ons geen kopie van een identiteitsbewijs; dat hebben wij niet nodig.',
};
