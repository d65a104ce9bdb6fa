import type { Locale, Localized } from './types.js';

export const CONTROLLER = {
  name: 'Kiara Intelligence',
  country: { en: 'the Netherlands', nl: 'Nederland' } satisfies Localized,
  privacyEmail: 'privacy@kiara-api.com',
} as const;

export const SUPERVISORY_AUTHORITY = {
  name: 'Autoriteit Persoonsgegevens',
  website: 'https://autoriteitpersoonsgegevens.nl',
  domain: 'autoriteitpersoonsgegevens.nl',
} as const;

/**
 * A GDPR reference in the reader's language: `Art. 17(3)(b) GDPR` stays as it is in
 * English and becomes `art. 17(3)(b) AVG` in Dutch (the AVG is the GDPR's Dutch name).
 * A bare article ("Art. 6(1)(b)") gets the regulation's name added.
 */
export function law(reference: string, locale: Locale): string {
  const full = /\b(GDPR|AVG)\b/.test(reference) ? reference : `${reference} GDPR`;
  if (locale === 'en') return full.replace(/\bAVG\b/g, 'GDPR');
  return full.replace(/\bArt\.\s/g, 'art. ').replace(/\bGDPR\b/g, 'AVG');
}
