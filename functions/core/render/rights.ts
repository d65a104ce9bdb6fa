import { RIGHTS, type Right } from '../inventory/types.js';
import { RenderInputError } from './errors.js';
import { law } from './legal.js';
import { textsFor } from './texts/index.js';
import type { Locale } from './types.js';

const ARTICLES: Record<Right, string> = {
  access: 'Art. 15 GDPR',
  portability: 'Art. 20 GDPR',
  erasure: 'Art. 17 GDPR',
  rectification: 'Art. 16 GDPR',
  restriction: 'Art. 18 GDPR',
  objection: 'Art. 21 GDPR',
  withdraw_consent: 'Art. 7(3) GDPR',
};

function checkRight(type: string): Right {
  if (!(RIGHTS as readonly string[]).includes(type)) throw new RenderInputError(`Unknown right ${JSON.stringify(type)}`);
  return type as Right;
}

/** The localized name of a right: "Right to erasure" / "Recht op gegevenswissing". */
export function rightName(type: Right, locale: Locale): string {
  return textsFor(locale).rights.names[checkRight(type)];
}

/** The article that grants a right, in the reader's language: "Art. 17 GDPR" / "artikel 17 AVG". */
export function rightArticle(type: Right, locale: Locale): string {
  return law(ARTICLES[checkRight(type)], locale);
}

/** The rights of a request, checked, once each, in the order of the inventory's RIGHTS. */
export function orderedRights(types: readonly Right[]): Right[] {
  if (!Array.isArray(types) || types.length === 0) throw new RenderInputError('A request names at least one right');
  types.forEach(checkRight);
  return RIGHTS.filter((right) => types.includes(right));
}

/** Right names with their articles: "Right to erasure (Art. 17 GDPR)". */
export function rightLabels(types: readonly Right[], locale: Locale): string[] {
  return orderedRights(types).map((right) => `${rightName(right, locale)} (${rightArticle(right, locale)})`);
}

/** The rights as one phrase for a sentence: "right of access and right to erasure". */
export function rightsPhrase(types: readonly Right[], locale: Locale): string {
  const names = orderedRights(types).map((right) => {
    const name = rightName(right, locale);
    return name.charAt(0).toLowerCase() + name.slice(1);
  });
  return new Intl.ListFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { type: 'conjunction' }).format(names);
}
