import type { Right } from '../../inventory/types.js';
import { formatInstantDate, formatInstantDateTime } from '../dates.js';
import { privacyLink, renderEmail } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { remedyBlocks, subjectFooter, subjectReference } from './common.js';

export interface IdentityExpiredInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  types: readonly Right[];
  /** When the confirmation link expired: the address had to be confirmed by then. */
  confirmBy: IsoInstant;
}

/** The request was closed because the email address was not confirmed in time. */
export function identityExpired(input: IdentityExpiredInput): RenderedEmail {
  const { locale, requestId } = input;
  const received = formatInstantDate(input.receivedAt, locale);
  const confirmBy = formatInstantDateTime(input.confirmBy, locale);
  const rights = rightsPhrase(input.types, locale);
  const nl = locale === 'nl';
  return renderEmail({
    locale,
    subject: nl
      ? `Uw privacyverzoek is gesloten (${subjectReference(requestId, locale)})`
      : `Your privacy request has been closed (${subjectReference(requestId, locale)})`,
    title: nl ? 'Uw privacyverzoek is gesloten' : 'Your privacy request has been closed',
    blocks: [
      {
        kind: 'paragraph',
        text: nl
          ? `Op ${received} hebben we een verzoek ontvangen om uw rechten uit de AVG uit te oefenen (${rights}). We hebben u gevraagd uw e-mailadres uiterlijk ${confirmBy} te bevestigen. Die bevestiging hebben we niet ontvangen.`
          : `On ${received} we received a request to exercise your rights under the GDPR (${rights}). We asked you to confirm your email address by ${confirmBy}. We did not receive that confirmation.`,
      },
      {
        kind: 'paragraph',
        text: nl
          ? 'Daarom hebben we het verzoek gesloten zonder er iets mee te doen: we hebben geen gegevens doorzocht, verstrekt of verwijderd.'
          : 'We have therefore closed the request without acting on it: we have not searched, provided or deleted any data.',
      },
      { kind: 'heading', text: nl ? 'Wilt u uw verzoek opnieuw indienen?' : 'Would you like to submit your request again?' },
      {
        kind: 'paragraph',
        text: nl
          ? [
              'Stuur dan een e-mail naar ',
              privacyLink(),
              ' vanaf het e-mailadres dat bij uw Kiara-account hoort, en vermeld welke rechten u wilt uitoefenen. Bevestig daarna binnen de geldigheidsduur de nieuwe link die we u sturen. U kunt uw verzoek ook indienen terwijl u bent ingelogd in uw Kiara-dashboard; dan is geen aparte bevestiging nodig.',
            ]
          : [
              'Send an email to ',
              privacyLink(),
              ' from the email address of your Kiara account, and say which rights you want to exercise. Then confirm the new link we send you before it expires. You can also submit your request while signed in to your Kiara dashboard; then no separate confirmation is needed.',
            ],
      },
      {
        kind: 'paragraph',
        text: nl
          ? 'Heeft u het oorspronkelijke verzoek niet ingediend? Dan hoeft u niets te doen.'
          : 'If you did not send the original request, you do not need to do anything.',
      },
      // Closing without acting is not taking action on the request (Art. 12(4)): name the remedies.
      ...remedyBlocks(requestId, locale),
    ],
    footer: subjectFooter(requestId, locale),
  });
}
