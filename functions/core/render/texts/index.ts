/**
 * The words of every text, one module per language (texts/en/, texts/nl/): the renderers
 * choose the blocks and facts, and take every sentence, heading, label and subject from here.
 */
import type { Locale } from '../types.js';
import { en, type Texts } from './en/index.js';
import { nl } from './nl/index.js';

export type { Texts };
/** The Art. 19 notices to recipients: English only (the recipients are businesses). */
export { recipientNotices } from './en/recipient-notices.js';

const TEXTS: Record<Locale, Texts> = { en, nl };

/** The texts of a language; English, as before the texts moved here, for a locale it does not know. */
export function textsFor(locale: Locale): Texts {
  return TEXTS[locale] ?? en;
}
