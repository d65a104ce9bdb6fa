import { knownRecipients, parseRecipientSetting } from './art19.js';
import { DEMO_RECIPIENT_NAMES } from './recipients.js';
import { STORES } from './stores.js';
import type { Recipient, StoreDefinition } from './types.js';

/** The names of the recipients by recipient id (the `recipientNames` setting). */
export type RecipientNames = Readonly<Record<string, string>>;

/**
 * Reads the `recipientNames` setting: an object (or its JSON) of recipient id → the
 * processor's legal name, as Art. 15(1)(c) answers and erasure reports name it. Unknown
 * ids and empty names are refused, so a typo fails the synth.
 */
export function parseRecipientNames(value: unknown, stores: readonly StoreDefinition[] = STORES): RecipientNames {
  return parseRecipientSetting('recipientNames', 'name', value, stores, (id, name) => {
    if (typeof name !== 'string' || name.trim() === '') throw new Error(`recipientNames: the name of "${id}" is empty`);
    return name.trim();
  });
}

/** The recipients that would be named to people by a demo name: the ids `recipientNames` lacks. */
export function missingRecipientNames(names: RecipientNames, stores: readonly StoreDefinition[] = STORES): string[] {
  return knownRecipients(stores)
    .filter((recipient) => recipient.id in DEMO_RECIPIENT_NAMES && !names[recipient.id])
    .map((recipient) => recipient.id);
}

/** A recipient with the name the deployment set for it. */
export function namedRecipient<T extends Recipient>(recipient: T, names: RecipientNames): T {
  return names[recipient.id] ? { ...recipient, name: names[recipient.id]! } : recipient;
}

/** The inventory with the deployment's recipient names, for what the handlers render. */
export function namedStores(names: RecipientNames, stores: readonly StoreDefinition[] = STORES): StoreDefinition[] {
  return stores.map((store) => ({ ...store, recipients: store.recipients.map((recipient) => namedRecipient(recipient, names)) }));
}
