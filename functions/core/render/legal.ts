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
 * A GDPR reference in the reader's language and citation style: `Art. 17(3)(b) GDPR`
 * stays as it is in English and becomes `artikel 17 lid 3, onder b, AVG` in Dutch (the AVG
 * is the GDPR's Dutch name). A bare article ("Art. 6(1)(b)") gets the regulation's name added.
 */
export function law(reference: string, locale: Locale): string {
  const full = /\b(GDPR|AVG)\b/.test(reference) ? reference : `${reference} GDPR`;
  if (locale === 'en') return full.replace(/\bAVG\b/g, 'GDPR');
  return dutchCitation(full.replace(/\bGDPR\b/g, 'AVG'));
}

/** `Art. 12(5)(b) AVG` → `artikel 12 lid 5, onder b, AVG`: Dutch legislative citation style. */
export function dutchCitation(text: string): string {
  return text.replace(/\b[Aa]rt\. (\d+)(?:\((\d+)\))?(?:\(([a-z])\))?/g, (_all, article: string, paragraph?: string, point?: string) =>
    `artikel ${article}${paragraph ? ` lid ${paragraph}` : ''}${point ? `, onder ${point},` : ''}`);
}
