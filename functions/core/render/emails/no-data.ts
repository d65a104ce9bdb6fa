import type { Right } from '../../inventory/types.js';
import { formatInstantDate } from '../dates.js';
import { privacyLink, renderEmail } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { subjectFooter, subjectReference } from './common.js';

export interface NoDataInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  types: readonly Right[];
}

/** Identity confirmed, but no Kiara account is linked to the address. */
export function noData(input: NoDataInput): RenderedEmail {
  const { locale, requestId } = input;
  const received = formatInstantDate(input.receivedAt, locale);
  const rights = rightsPhrase(input.types, locale);
  const nl = locale === 'nl';
  return renderEmail({
    locale,
    subject: nl
      ? `Resultaat van uw privacyverzoek: geen account gevonden (${subjectReference(requestId, locale)})`
      : `Result of your privacy request: no account found (${subjectReference(requestId, locale)})`,
    title: nl
      ? 'We hebben geen Kiara-account gevonden bij dit e-mailadres'
      : 'We found no Kiara account for this email address',
    blocks: [
      {
        kind: 'paragraph',
        text: nl
          ? `Bedankt voor het bevestigen van uw e-mailadres. Naar aanleiding van uw verzoek van ${received} (${rights}) hebben we gezocht naar een Kiara-account dat hoort bij het e-mailadres waarnaar dit bericht is verstuurd. We hebben er geen gevonden.`
          : `Thank you for confirming your email address. Following your request of ${received} (${rights}), we searched for a Kiara account that belongs to the email address this message was sent to. We found none.`,
      },
      {
        kind: 'paragraph',
        text: nl
          ? 'Kiara heeft dus geen persoonsgegevens over u die we via dit adres konden vinden, en er is niets om te verstrekken, te corrigeren of te verwijderen. Alleen de registratie van dit verzoek zelf bewaren we, zodat we kunnen aantonen hoe we het hebben afgehandeld. We hebben het verzoek gesloten.'
          : 'Kiara therefore holds no personal data about you that we could find through this address, and there is nothing to provide, correct or erase. We keep only the record of this request itself, so that we can show how we handled it. We have closed the request.',
      },
      {
        kind: 'heading',
        text: nl ? 'Heeft u een ander e-mailadres of andere gegevens gebruikt?' : 'Did you use another email address or other details?',
      },
      {
        kind: 'paragraph',
        text: nl
          ? [
              'Heeft u Kiara met een ander e-mailadres gebruikt, of heeft u andere gegevens waarmee we een account aan u kunnen koppelen? Schrijf dan naar ',
              privacyLink(),
              `, vermeld kenmerk ${requestId} en stuur bijvoorbeeld mee:`,
            ]
          : [
              'If you have used Kiara with another email address, or have other details that could link an account to you, write to ',
              privacyLink(),
              `, quoting reference ${requestId}, with for example:`,
            ],
      },
      {
        kind: 'list',
        items: nl
          ? [
              'een ander e-mailadres waarmee u een Kiara-account heeft;',
              'het id van een API-sleutel (te zien in uw dashboard; stuur nooit de sleutel zelf);',
              'het factuurnummer van een betaling voor tegoed.',
            ]
          : [
              'another email address you have a Kiara account with;',
              'the id of an API key (shown in your dashboard; never send the key itself);',
              'the invoice number of a top-up payment.',
            ],
      },
      {
        kind: 'paragraph',
        text: nl
          ? 'Dan zoeken we opnieuw. Stuur ons geen kopie van een identiteitsbewijs; dat hebben we niet nodig.'
          : 'We will then search again. Please do not send a copy of an identity document; we do not need one.',
      },
    ],
    footer: subjectFooter(requestId, locale),
  });
}
