import { formatInstantDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { renderEmail } from '../layout.js';
import { resolveStore } from '../stores.js';
import { recipientNotices } from '../texts/index.js';
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
  const t = recipientNotices;
  return renderEmail({
    locale: 'en',
    subject: t.erasure.subject(requestId),
    title: t.erasure.title,
    blocks: [
      { kind: 'paragraph', text: t.erasure.intro(input.recipient.category.en) },
      {
        kind: 'facts',
        rows: [
          [t.account, accountId],
          [t.request, requestId],
          [t.erasure.date, date],
          [t.recipient, input.recipient.name],
        ],
      },
      { kind: 'heading', text: t.erasure.heading },
      { kind: 'paragraph', text: t.allDataIn },
      { kind: 'list', items: stores.map((store) => store.title.en) },
      { kind: 'heading', text: t.whatWeAsk },
      { kind: 'list', items: t.erasure.ask(requestId) },
    ],
    footer: recipientNoticeFooter(input),
  });
}
