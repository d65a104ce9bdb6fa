import type { Recipient } from '../../inventory/types.js';
import { formatInstantDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { renderEmail } from '../layout.js';
import { resolveStore, type Inventory } from '../stores.js';
import { recipientNotices } from '../texts/index.js';
import type { IsoInstant, RenderedEmail } from '../types.js';

export interface RestrictionNoticeInput {
  requestId: string;
  /** The restricted Kiara account: its id, the only reference to the person. */
  accountId: string;
  recipient: Pick<Recipient, 'name' | 'category'>;
  /** The restricted stores that concern this recipient. */
  storeIds: readonly string[];
  /** When the restriction took effect. */
  restrictedAt: IsoInstant;
  inventory?: Inventory;
}

/**
 * The Art. 19 notice to a recipient (a processor) that a Kiara user's data is restricted
 * (Art. 18). In English, like the erasure notice; it names the account by its id, never by
 * an email address, and says how Kiara marks the data, so the recipient can mirror it.
 */
export function restrictionNotice(input: RestrictionNoticeInput): RenderedEmail {
  const { requestId, accountId } = input;
  if (!accountId || /[@\s]/.test(accountId)) {
    throw new RenderInputError('A restriction notice names the account by its id, not by an address');
  }
  if (input.storeIds.length === 0) throw new RenderInputError('A restriction notice needs the restricted stores');
  const stores = input.storeIds.map((id) => resolveStore(id, input.inventory));
  const t = recipientNotices;
  return renderEmail({
    locale: 'en',
    subject: t.restriction.subject(requestId),
    title: t.restriction.title,
    blocks: [
      { kind: 'paragraph', text: t.restriction.intro(input.recipient.category.en) },
      {
        kind: 'facts',
        rows: [
          [t.account, accountId],
          [t.request, requestId],
          [t.restriction.date, formatInstantDate(input.restrictedAt, 'en')],
          [t.recipient, input.recipient.name],
        ],
      },
      { kind: 'heading', text: t.restriction.heading },
      { kind: 'paragraph', text: t.allDataIn },
      { kind: 'list', items: stores.map((store) => store.title.en) },
      { kind: 'heading', text: t.whatWeAsk },
      { kind: 'list', items: t.restriction.ask(requestId) },
    ],
    footer: t.footer(input.recipient.name, requestId),
  });
}
