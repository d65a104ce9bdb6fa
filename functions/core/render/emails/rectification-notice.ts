import { CORRECTABLE_FIELDS, type CorrectableField } from '../../inventory/correctable-fields.js';
import { formatInstantDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { renderEmail } from '../layout.js';
import { resolveStore } from '../stores.js';
import { recipientNotices } from '../texts/index.js';
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
  const t = recipientNotices;
  return renderEmail({
    locale: 'en',
    subject: t.rectification.subject(requestId),
    title: t.rectification.title,
    blocks: [
      { kind: 'paragraph', text: t.rectification.intro(input.recipient.category.en) },
      {
        kind: 'facts',
        rows: [
          [t.account, accountId],
          [t.request, requestId],
          [t.rectification.date, formatInstantDate(input.correctedAt, 'en')],
          [t.recipient, input.recipient.name],
        ],
      },
      { kind: 'heading', text: t.rectification.heading },
      { kind: 'list', items },
      { kind: 'heading', text: t.whatWeAsk },
      { kind: 'list', items: t.rectification.ask(requestId) },
    ],
    footer: recipientNoticeFooter(input),
  });
}
