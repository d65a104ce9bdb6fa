import { html } from '../escape.js';
import { textsFor } from '../texts/index.js';
import { checkUrl } from '../urls.js';
import type { Locale } from '../types.js';
import { renderPage } from './layout.js';

export interface VerifyPageInput {
  /** Shown when known, so the person can match it with the email. */
  requestId?: string;
  /** Where the confirming POST goes (absolute http(s) URL or a path on this site). */
  actionUrl: string;
  locale: Locale;
}

/**
 * The page behind the identity link. Opening it (GET) confirms nothing: link scanners in
 * mail systems open links too. The only confirming control is one POST form.
 */
export function verifyPage(input: VerifyPageInput): string {
  const { locale, requestId } = input;
  const action = checkUrl(input.actionUrl, { allowPath: true });
  const t = textsFor(locale).pages.verify;
  const body = html`${t.intro(requestId ? html`<strong>${requestId}</strong>` : '')}
<form method="post" action="${action}">
<button type="submit">${t.button}</button>
</form>
<p class="small">${t.openingConfirmsNothing}</p>
<p class="small">${t.notYou}</p>`;
  return renderPage(locale, t.title, body);
}
