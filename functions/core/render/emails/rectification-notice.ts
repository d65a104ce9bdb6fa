import { CORRECTABLE_FIELDS, type CorrectableField } from '../../inventory/correctable-fields.js';
import { formatInstantDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { CONTROLLER, law } from '../legal.js';
import { privacyLink, renderEmail } from '../layout.js';
import { resolveStore } from '../stores.js';
import { checkAccountReference, recipientNoticeFooter, type RecipientNoticeBase } from './recipient-notice.js';
import type { IsoInstant, RenderedEmail } from '../types.js';

export interface RectificationNoticeInput extends RecipientNoticeBase {
  /** The corrected attributes of the stores that concern this recipient; never their values. */
  corrected: readonly { storeId: string; field: CorrectableField }[];
  /** When the correction was written. */
  correctedAt: IsoInstant;
}

/**
 * The Art. 19 notice to a recipient (a processor) that Kiara corrected a user's data. In
 * English (processors are businesses); it names the account by its id and the attributes
 * by name, never a value: neither the old nor the new one is an address for the recipient.
 */
export function rectificationNotice(input: RectificationNoticeInput): RenderedEmail {
  const { requestId, accountId } = input;
  checkAccountReference(accountId, 'A rectification notice');
  if (input.corrected.length === 0) throw new RenderInputError('A rectification notice needs the corrected attributes');
  const items = input.corrected.map(({ storeId, field }) => `${resolveStore(storeId, input.inventory).title.en}: ${CORRECTABLE_FIELDS[field].label.en}`);
  return renderEmail({
    locale: 'en',
    subject: `Rectification notice under ${law('Art. 19', 'en')}: Kiara request ${requestId}`,
    title: 'Please update your copies of a Kiara user’s data',
    blocks: [
      {
        kind: 'paragraph',
        text: `At the data subject’s request (${law('Art. 16', 'en')}), ${CONTROLLER.name} has corrected the personal data below of one of its users. You receive this data from us as a recipient (${input.recipient.category.en}); under ${law('Art. 19', 'en')} we notify you of the rectification.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Kiara account', accountId],
          ['Request', requestId],
          ['Corrected on', formatInstantDate(input.correctedAt, 'en')],
          ['Recipient', input.recipient.name],
        ],
      },
      { kind: 'heading', text: 'What was corrected' },
      { kind: 'list', items },
      { kind: 'heading', text: 'What we ask of you' },
      {
        kind: 'list',
        items: [
          `Replace or delete every copy of these attributes of this account that you hold or process for ${CONTROLLER.name} outside its own systems, including caches, replicas and logs; ${CONTROLLER.name}’s systems hold the corrected values.`,
          ['Confirm the update to ', privacyLink(), `, quoting request ${requestId}.`],
        ],
      },
    ],
    footer: recipientNoticeFooter(input),
  });
}
