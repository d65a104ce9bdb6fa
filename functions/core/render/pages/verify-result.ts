import { RenderInputError } from '../errors.js';
import { textsFor } from '../texts/index.js';
import type { Locale } from '../types.js';
import { privacyAnchor, renderPage } from './layout.js';

export const VERIFY_OUTCOMES = ['confirmed', 'already_used', 'expired', 'invalid', 'locked'] as const;
export type VerifyOutcome = (typeof VERIFY_OUTCOMES)[number];

export interface VerifyResultPageInput {
  outcome: VerifyOutcome;
  locale: Locale;
}

/** The page shown after the confirming POST (or when the link cannot be used). */
export function verifyResultPage(input: VerifyResultPageInput): string {
  const pages = textsFor(input.locale).pages.verifyResult;
  if (!Object.hasOwn(pages, input.outcome)) throw new RenderInputError(`Unknown verification outcome ${JSON.stringify(input.outcome)}`);
  const page = pages[input.outcome];
  return renderPage(input.locale, page.title, page.body(privacyAnchor()));
}
