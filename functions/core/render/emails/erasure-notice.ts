import { formatInstantDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { CONTROLLER, law } from '../legal.js';
import { privacyLink, renderEmail } from '../layout.js';
import { resolveStore } from '../stores.js';
import { checkAccountReference, recipientNoticeFooter, type RecipientNoticeBase } from './recipient-notice.js';
import type { IsoInstant, RenderedEmail } from '../types.js';

export interface ErasureNoticeInput extends RecipientNoticeBase {
  /** The erased stores that concern this recipient. */
  storeIds: readonly string[];
  /** When the erasure was completed. */
  erasedAt: IsoInstant;
}

/**
 * The Art. 19 notice to a recipient (a processor) that Kiara erased a user's data. In
 * English (processors are businesses); it names the account by its id, never by an email
 * address, and its subject line carries only the request id.
 */
export function erasureNotice(input: ErasureNoticeInput): RenderedEmail {
  const { requestId, accountId } = input;
  checkAccountReference(accountId, 'An erasure notice');
  if (input.storeIds.length === 0) throw new RenderInputError('An erasure notice needs the erased stores');
  const stores = input.storeIds.map((id) => resolveStore(id, input.inventory));
  const date = formatInstantDate(input.erasedAt, 'en');
  return renderEmail({
    locale: 'en',
    subject: `Erasure notice under ${law('Art. 19', 'en')}: Kiara request ${requestId}`,
    title: 'Please erase your copies of a Kiara user’s data',
    blocks: [
      {
        kind: 'paragraph',
        text: `At the data subject’s request (${law('Art. 17', 'en')}), ${CONTROLLER.name} has erased the personal data below of one of its users. You receive this data from us as a recipient (${input.recipient.category.en}); under ${law('Art. 19', 'en')} we notify you of the erasure.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Kiara account', accountId],
          ['Request', requestId],
          ['Erased on', date],
          ['Recipient', input.recipient.name],
        ],
      },
      { kind: 'heading', text: 'What was erased' },
      { kind: 'paragraph', text: 'All of this account’s data in these categories:' },
      { kind: 'list', items: stores.map((store) => store.title.en) },
      { kind: 'heading', text: 'What we ask of you' },
      {
        kind: 'list',
        items: [
          `Erase every copy of this account’s data in these categories that you hold or process for ${CONTROLLER.name}, including caches, replicas and logs, and backups as our agreement provides.`,
          ['Confirm the erasure to ', privacyLink(), `, quoting request ${requestId}.`],
        ],
      },
    ],
    footer: recipientNoticeFooter(input),
  });
}
