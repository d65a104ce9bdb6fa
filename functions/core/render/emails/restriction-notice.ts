import type { Recipient } from '../../inventory/types.js';
import { RESTRICTION_ATTRIBUTE, RESTRICTION_TAG } from '../../restriction/marks.js';
import { formatInstantDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { CONTROLLER, law } from '../legal.js';
import { privacyLink, renderEmail } from '../layout.js';
import { resolveStore, type Inventory } from '../stores.js';
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
  return renderEmail({
    locale: 'en',
    subject: `Restriction notice under ${law('Art. 19', 'en')}: Kiara request ${requestId}`,
    title: 'Please restrict the processing of a Kiara user’s data',
    blocks: [
      {
        kind: 'paragraph',
        text: `At the data subject’s request (${law('Art. 18', 'en')}), ${CONTROLLER.name} has restricted the processing of the personal data below of one of its users: until we lift the restriction, the data may only be stored. You receive this data from us as a recipient (${input.recipient.category.en}); under ${law('Art. 19', 'en')} we notify you of the restriction.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Kiara account', accountId],
          ['Request', requestId],
          ['Restricted since', formatInstantDate(input.restrictedAt, 'en')],
          ['Recipient', input.recipient.name],
        ],
      },
      { kind: 'heading', text: 'What is restricted' },
      { kind: 'paragraph', text: 'All of this account’s data in these categories:' },
      { kind: 'list', items: stores.map((store) => store.title.en) },
      { kind: 'heading', text: 'What we ask of you' },
      {
        kind: 'list',
        items: [
          `Store this account’s data in these categories, and do not otherwise process it for ${CONTROLLER.name} (no use, no deletion by retention rules) until we tell you that the restriction is lifted.`,
          `Our own systems carry the mark as the attribute ${RESTRICTION_ATTRIBUTE} on the account and the tag ${RESTRICTION_TAG} on its files.`,
          ['Confirm the restriction to ', privacyLink(), `, quoting request ${requestId}.`],
        ],
      },
    ],
    footer: [
      [`${CONTROLLER.name}, privacy team · `, privacyLink()],
      `Sent to the privacy contact of ${input.recipient.name}. Reference: ${requestId}`,
    ],
  });
}
