import type { Right } from '../../inventory/types.js';
import { formatInstantDate } from '../dates.js';
import { privacyLink, renderEmail } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { subjectFooter, subjectReference } from './common.js';

export interface CancellationInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  types: readonly Right[];
}

/**
 * Confirms that the requester withdrew the request: it is closed at the review, before
 * any data was provided, erased or changed.
 */
export function cancellationConfirmation(input: CancellationInput): RenderedEmail {
  const { locale, requestId } = input;
  const nl = locale === 'nl';
  const received = formatInstantDate(input.receivedAt, locale);
  const rights = rightsPhrase(input.types, locale);
  const title = nl ? 'Uw privacyverzoek is ingetrokken' : 'Your privacy request has been withdrawn';
  return renderEmail({
    locale,
    subject: `${title} (${subjectReference(requestId, locale)})`,
    title,
    blocks: [
      {
        kind: 'paragraph',
        text: nl
          ? `Op ${received} hebben wij uw verzoek ontvangen (${rights}). U heeft ons laten weten dat u het intrekt. Wij bevestigen dat wij het verzoek hebben gesloten.`
          : `On ${received} we received your request (${rights}). You told us that you withdraw it. We confirm that we have closed the request.`,
      },
      {
        kind: 'paragraph',
        text: nl
          ? 'Wij hebben naar aanleiding van dit verzoek geen gegevens verstrekt, gewist of gewijzigd.'
          : 'We have not provided, erased or changed any data in response to this request.',
      },
      {
        kind: 'paragraph',
        text: nl
          ? ['U kunt op elk moment een nieuw verzoek indienen via ', privacyLink(), ' of via uw Kiara-dashboard. Heeft u dit verzoek niet ingetrokken? Laat het ons dan weten via hetzelfde adres.']
          : ['You can submit a new request at any time at ', privacyLink(), ' or from your Kiara dashboard. If you did not withdraw this request, please let us know at the same address.'],
      },
    ],
    footer: subjectFooter(requestId, locale),
  });
}
