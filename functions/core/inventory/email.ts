import type { StoreLocation } from './types.js';

/** The attribute of the account store that holds `normalizeEmail(email)`. */
export const NORMALIZED_EMAIL_ATTRIBUTE = 'emailNormalized';

/**
 * An address as the DSR system compares it: trimmed and lower-cased. Domains are
 * case-insensitive; local parts are in theory not (RFC 5321), but no mail provider Kiara's
 * users sign up with treats them so, and Kiara's sign-up does not either.
 */
export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}

/** The email indexes of a store, each with its partition key (the account store's exact and normalised ones). */
export function emailIndexes(location: StoreLocation): { indexName: string; attribute: string }[] {
  if (location.kind !== 'dynamodb') return [];
  const { emailIndex, normalizedEmailIndex } = location;
  return [
    ...(emailIndex ? [{ indexName: emailIndex, attribute: 'email' }] : []),
    ...(normalizedEmailIndex ? [{ indexName: normalizedEmailIndex, attribute: NORMALIZED_EMAIL_ATTRIBUTE }] : []),
  ];
}
