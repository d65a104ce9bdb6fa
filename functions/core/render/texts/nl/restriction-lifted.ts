import type { Texts } from '../en/index.js';
import { law } from '../../legal.js';
import { privacyLink } from '../../layout.js';

const cite = (reference: string) => law(reference, 'nl');

export const restrictionLifted: Texts['restrictionLifted'] = {
  title: 'Wij heffen de beperking van de verwerking van uw gegevens op',
  then: `Naar aanleiding daarvan hebben wij de verwerking van uw gegevens beperkt. Zoals ${cite('Art. 18(3)')} vereist, laten wij u weten dat wij de beperking opheffen voordat wij dat doen.`,
  whyHeading: 'Waarom',
  changesHeading: 'Wat er verandert',
  changes: [
    'Direct na deze e-mail beginnen wij de markering van beperking van uw account en uw bestanden te verwijderen. Zodra die verwijderd is, verwerken wij uw gegevens weer zoals ons privacybeleid beschrijft.',
    'De kopie die wij bewaarden van gegevens die anders na hun bewaartermijn verwijderd waren, verwijderen wij dan ook; gegevens waarvan de bewaartermijn verstreken is, worden niet langer bewaard.',
  ],
  questions: ['Heeft u vragen of bent u het hier niet mee eens? Laat het ons weten via ', privacyLink(), '.'],
};
