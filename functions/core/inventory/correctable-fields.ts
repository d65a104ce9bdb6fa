import type { Localized } from './types.js';

/**
 * The attributes a correction can write, with the kind of value each takes, its name in
 * the reply, and whether the reply may repeat its old and new value. An email address is
 * not repeated: the reply goes to the address on the request, which need not be either one.
 * Kept free of zod and of the store inventory, so the console bundles it small.
 */
export const CORRECTABLE_FIELDS = {
  email: { kind: 'email', label: { en: 'Email address', nl: 'E-mailadres' }, repeatable: false },
  displayName: { kind: 'text', label: { en: 'Display name', nl: 'Weergavenaam' }, repeatable: true },
  locale: { kind: 'locale', label: { en: 'Language', nl: 'Taal' }, repeatable: true },
  marketingEmails: { kind: 'yesNo', label: { en: 'Marketing emails', nl: 'Marketing-e-mails' }, repeatable: true },
} as const satisfies Record<string, { kind: 'email' | 'text' | 'locale' | 'yesNo'; label: Localized; repeatable: boolean }>;
export type CorrectableField = keyof typeof CORRECTABLE_FIELDS;

/** A value a correction reads or writes. */
export type CorrectionValue = string | boolean;
