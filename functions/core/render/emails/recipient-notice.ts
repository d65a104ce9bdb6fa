import type { Recipient } from '../../inventory/types.js';
import { RenderInputError } from '../errors.js';
import type { RichText } from '../layout.js';
import { recipientNotices } from '../texts/index.js';
import type { Inventory } from '../stores.js';

/** What every Art. 19 notice to a recipient (a processor) is about. */
export interface RecipientNoticeBase {
  requestId: string;
  /** The Kiara account whose data changed: its id, the only reference to the person. */
  accountId: string;
  recipient: Pick<Recipient, 'name' | 'category'>;
  inventory?: Inventory;
}

/** A notice names the account by its id, never by an address (`notice`: its name in the error). */
export function checkAccountReference(accountId: string, notice: string): void {
  if (!accountId || /[@\s]/.test(accountId)) throw new RenderInputError(`${notice} names the account by its id, not by an address`);
}

/** The footer of a notice: the privacy team, and whose privacy contact it went to. */
export function recipientNoticeFooter({ recipient, requestId }: RecipientNoticeBase): RichText[] {
  return recipientNotices.footer(recipient.name, requestId);
}
