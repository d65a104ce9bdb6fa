import { CONTROLLER } from '../legal.js';
import { html, type SafeHtml } from '../escape.js';
import { textsFor } from '../texts/index.js';
import type { Locale } from '../types.js';

/** Self-contained page styles: no external assets, no script. */
const CSS = `
body{margin:0;background:#f3f4f6;color:#111827;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5}
main{max-width:560px;margin:40px auto;padding:24px;background:#fff;border-radius:8px}
h1{font-size:24px;line-height:1.3;margin:0 0 16px}
p{margin:0 0 12px}
a{color:#1d4ed8}
.small{font-size:14px;color:#374151}
button{font:inherit;font-weight:bold;padding:12px 20px;border:0;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
form{margin:20px 0}
footer{margin-top:24px;padding-top:12px;border-top:1px solid #e5e7eb;font-size:13px;color:#4b5563}
`;

/**
 * A complete, localized HTML document. Pages carry a token in their URL, so they send it
 * as referrer to nobody but our own API (`same-origin`), which keeps the Origin header of
 * the identity page's POST for the API to check (`no-referrer` would make it "null").
 */
export function renderPage(locale: Locale, title: string, body: SafeHtml): string {
  const team = textsFor(locale).pages.privacyTeam;
  return html`<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>${title} – ${CONTROLLER.name}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
<footer>${CONTROLLER.name}, ${team} · <a href="mailto:${CONTROLLER.privacyEmail}">${CONTROLLER.privacyEmail}</a></footer>
</main>
</body>
</html>
`.value;
}

export function privacyAnchor(): SafeHtml {
  return html`<a href="mailto:${CONTROLLER.privacyEmail}">${CONTROLLER.privacyEmail}</a>`;
}
