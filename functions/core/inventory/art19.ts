import * as z from 'zod';
import { RECIPIENTS } from './recipients.js';
import { STORES } from './stores.js';
import type { Recipient, StoreDefinition } from './types.js';

/**
 * Art. 19 GDPR: the recipients of erased data are told of the erasure. Every store is
 * hosted, and the emails with and about the person went through the email provider, so
 * these two are told of every erasure; the others when a store they receive was erased.
 */
export const ALWAYS_NOTIFIED: readonly string[] = [RECIPIENTS.hosting.id, RECIPIENTS.email.id];

/** Where each recipient's notices go, by recipient id (the `recipientContacts` setting). */
export type RecipientContacts = Readonly<Record<string, string>>;

/** A recipient to tell, and the erased stores (ids, inventory order) that concern it. */
export interface RecipientNotice {
  recipient: Recipient;
  storeIds: string[];
}

/** The recipients the inventory knows, by id: the processors list first, then any a store adds. */
export function knownRecipients(stores: readonly StoreDefinition[] = STORES): Recipient[] {
  const byId = new Map<string, Recipient>();
  for (const recipient of [...Object.values(RECIPIENTS), ...stores.flatMap((store) => store.recipients)]) {
    if (!byId.has(recipient.id)) byId.set(recipient.id, recipient);
  }
  return [...byId.values()];
}

/** Who must be told of an erasure of these stores, each with the stores that concern it. */
export function recipientsToNotify(
  erasedStoreIds: readonly string[],
  stores: readonly StoreDefinition[] = STORES,
): RecipientNotice[] {
  const erased = stores.filter((store) => erasedStoreIds.includes(store.id));
  return knownRecipients(stores)
    .map((recipient) => ({
      recipient,
      storeIds: erased
        .filter((store) => ALWAYS_NOTIFIED.includes(recipient.id) || store.recipients.some((r) => r.id === recipient.id))
        .map((store) => store.id),
    }))
    .filter((notice) => notice.storeIds.length > 0);
}

// The same address check as the intake's (zod), not a second hand-written one.
const ADDRESS = z.email();

/**
 * Reads the `recipientContacts` setting: an object (or its JSON) of recipient id → one
 * email address. Unknown ids and malformed addresses are refused, so a typo fails the
 * synth instead of leaving a processor untold.
 */
export function parseRecipientContacts(
  value: unknown,
  stores: readonly StoreDefinition[] = STORES,
): RecipientContacts {
  return parseRecipientSetting('recipientContacts', 'email address', value, stores, (id, address) => {
    const checked = ADDRESS.safeParse(address);
    if (!checked.success) throw new Error(`recipientContacts: the contact of "${id}" is not one email address`);
    return checked.data;
  });
}

/**
 * Reads a setting keyed by recipient id (an object, or its JSON): unknown ids are refused
 * and each value is checked by `check`, so a typo fails the synth.
 */
export function parseRecipientSetting(
  setting: string,
  what: string,
  value: unknown,
  stores: readonly StoreDefinition[],
  check: (id: string, value: unknown) => string,
): Readonly<Record<string, string>> {
  if (value === undefined || value === '') return {};
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${setting}: expected an object of recipient id → ${what}`);
  }
  const known = knownRecipients(stores).map((recipient) => recipient.id);
  const checked: Record<string, string> = {};
  for (const [id, entry] of Object.entries(parsed)) {
    if (!known.includes(id)) throw new Error(`${setting}: unknown recipient "${id}" (known: ${known.join(', ')})`);
    checked[id] = check(id, entry);
  }
  return checked;
}
