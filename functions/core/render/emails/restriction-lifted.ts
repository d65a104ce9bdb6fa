import type { Right } from '../../inventory/types.js';
import { RenderInputError } from '../errors.js';
import { law } from '../legal.js';
import { privacyLink } from '../layout.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { remedyBlocks, replyEmail } from './common.js';

export interface RestrictionLiftedInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  types: readonly Right[];
  /** The privacy team's reason for lifting it, quoted to the person. */
  reason: string;
}

/**
 * Art. 18(3): the person is told before the restriction is lifted. Sent first; only once it
 * went out are the marks removed and the held copy deleted (functions/admin/restrictions.ts).
 */
export function restrictionLifted(input: RestrictionLiftedInput): RenderedEmail {
  const nl = input.locale === 'nl';
  if (input.reason.trim() === '') throw new RenderInputError('Lifting a restriction needs a reason');
  return replyEmail(
    input,
    nl ? 'Wij heffen de beperking van de verwerking van uw gegevens op' : 'We are lifting the restriction of the processing of your data',
    {
      en: `We restricted the processing of your data at that request. As ${law('Art. 18(3)', 'en')} requires, we tell you before we lift the restriction.`,
      nl: `Naar aanleiding daarvan hebben wij de verwerking van uw gegevens beperkt. Zoals ${law('Art. 18(3)', 'nl')} vereist, laten wij u weten dat wij de beperking opheffen voordat wij dat doen.`,
    },
    [
      { kind: 'heading', text: nl ? 'Waarom' : 'Why' },
      { kind: 'paragraph', text: input.reason },
      { kind: 'heading', text: nl ? 'Wat er verandert' : 'What changes' },
      {
        kind: 'list',
        items: nl
          ? [
              'Direct na deze e-mail verwijderen wij de markering van beperking van uw account en uw bestanden. Daarna verwerken wij uw gegevens weer zoals ons privacybeleid beschrijft.',
              'De kopie die wij bewaarden van gegevens die anders na hun bewaartermijn verwijderd waren, verwijderen wij dan ook; gegevens waarvan de bewaartermijn verstreken is, worden niet langer bewaard.',
            ]
          : [
              'Straight after this email we remove the restriction mark from your account and your files. From then on we process your data again as our privacy policy describes.',
              'We then also delete the copy we kept of data that would otherwise have been deleted at the end of its retention period; data past its retention period is no longer kept.',
            ],
      },
      {
        kind: 'paragraph',
        text: nl
          ? ['Heeft u vragen of bent u het hier niet mee eens? Laat het ons weten via ', privacyLink(), '.']
          : ['If you have questions or disagree, please let us know at ', privacyLink(), '.'],
      },
      ...remedyBlocks(input.requestId, input.locale),
    ],
  );
}
