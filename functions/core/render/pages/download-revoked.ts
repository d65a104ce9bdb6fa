import { textsFor } from '../texts/index.js';
import type { Locale } from '../types.js';
import { privacyAnchor, renderPage } from './layout.js';

/** Shown when a download link is used after a later erasure request deleted its package. */
export function downloadRevokedPage(input: { locale: Locale }): string {
  const t = textsFor(input.locale).pages.downloadRevoked;
  return renderPage(input.locale, t.title, t.body(privacyAnchor()));
}
