import { textsFor } from '../texts/index.js';
import type { Locale } from '../types.js';
import { privacyAnchor, renderPage } from './layout.js';

/** Shown when a download link of an access package is used after it expired. */
export function downloadExpiredPage(input: { locale: Locale }): string {
  const t = textsFor(input.locale).pages.downloadExpired;
  return renderPage(input.locale, t.title, t.body(privacyAnchor()));
}
