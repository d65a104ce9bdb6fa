import type { Texts } from '../en/index.js';
import { privacyLink } from '../../layout.js';

export const cancellation: Texts['cancellation'] = {
  title: 'Uw privacyverzoek is ingetrokken',
  then: 'U heeft ons laten weten dat u het intrekt. Wij bevestigen dat wij het verzoek hebben gesloten.',
  nothingDone: 'Wij hebben naar aanleiding van dit verzoek geen gegevens verstrekt, gewist of gewijzigd.',
  newRequest: [
    'U kunt op elk moment een nieuw verzoek indienen via ',
    privacyLink(),
    ' of via uw Kiara-dashboard. Heeft u dit verzoek niet ingetrokken? Laat het ons dan weten via hetzelfde adres.',
  ],
};
