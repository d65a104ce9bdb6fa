import type { Right } from '../../inventory/types.js';
import { privacyLink } from '../layout.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { replyEmail } from './common.js';

export interface CancellationInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  types: readonly Right[];
}

/**
 * Confirms that the requester withdrew the request: it is closed at the review, before
 * any data was provided, erased or changed.
 */
export function cancellationConfirmation(input: CancellationInput): RenderedEmail {
  const nl = input.locale === 'nl';
  return replyEmail(
    input,
    nl ? 'Uw privacyverzoek is ingetrokken' : 'Your privacy request has been withdrawn',
    {
      en: 'You told us that you withdraw it. We confirm that we have closed the request.',
      nl: 'U heeft ons laten weten dat u het intrekt. Wij bevestigen dat wij het verzoek hebben gesloten.',
    },
    [
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
  );
}
