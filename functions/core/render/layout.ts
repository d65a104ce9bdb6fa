/**
 * A small document model for emails: each email is a list of blocks, rendered once as
 * plain text and once as simple, accessible, inline-styled HTML, so both parts always
 * say the same thing. All text is escaped on the way into HTML.
 */
import { CONTROLLER, SUPERVISORY_AUTHORITY } from './legal.js';
import { html, multiline, type SafeHtml } from './escape.js';
import { checkUrl, mailto } from './urls.js';
import type { Locale, RenderedEmail } from './types.js';

/** A run of text, or a link inside a sentence. */
export type Inline = string | { text: string; href: string };
export type RichText = string | readonly Inline[];

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: RichText }
  /** An emphasised paragraph (urgent notices). */
  | { kind: 'alert'; text: RichText }
  | { kind: 'list'; items: readonly RichText[] }
  /** Label/value pairs such as "Reference: …". */
  | { kind: 'facts'; rows: ReadonlyArray<readonly [string, string]> }
  /** A prominent link, with its address repeated for copying. */
  | { kind: 'button'; label: string; url: string; fallback: string }
  | { kind: 'table'; caption: string; head: readonly string[]; rows: ReadonlyArray<readonly string[]> };

export interface EmailDocument {
  locale: Locale;
  subject: string;
  title: string;
  blocks: readonly (Block | null | false | undefined)[];
  footer: readonly RichText[];
}

export const link = (text: string, href: string): Inline => ({ text, href });
export const privacyLink = (): Inline => link(CONTROLLER.privacyEmail, mailto(CONTROLLER.privacyEmail));
export const supervisoryLink = (): Inline => link(SUPERVISORY_AUTHORITY.domain, SUPERVISORY_AUTHORITY.website);

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const STYLE = {
  body: 'margin:0;padding:0;background-color:#f3f4f6;',
  card: `max-width:640px;margin:0 auto;padding:24px;background-color:#ffffff;color:#111827;${FONT}font-size:16px;line-height:1.5;`,
  h1: `margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827;${FONT}`,
  h2: `margin:24px 0 8px;font-size:18px;line-height:1.3;color:#111827;${FONT}`,
  p: 'margin:0 0 12px;',
  alert: 'margin:0 0 12px;padding:12px 16px;border-left:4px solid #b91c1c;background-color:#fef2f2;color:#7f1d1d;font-weight:bold;',
  list: 'margin:0 0 12px;padding-left:24px;',
  a: 'color:#1d4ed8;text-decoration:underline;',
  button:
    'display:inline-block;padding:12px 20px;border-radius:6px;background-color:#1d4ed8;color:#ffffff;font-weight:bold;text-decoration:none;',
  small: 'margin:0 0 12px;font-size:14px;color:#374151;',
  table: 'width:100%;margin:0 0 16px;border-collapse:collapse;font-size:15px;',
  caption: 'text-align:left;font-weight:bold;padding:0 0 8px;',
  th: 'text-align:left;vertical-align:top;padding:6px 8px;border-bottom:2px solid #d1d5db;',
  td: 'text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e5e7eb;',
  footer: 'margin:24px 0 0;padding-top:12px;border-top:1px solid #e5e7eb;font-size:13px;color:#4b5563;',
};

/** Applied to every string shown; privacy-team emails use it to drop email addresses. */
type Clean = (value: string) => string;
const keep: Clean = (value) => value;

const EMAIL_ADDRESS = /[\p{L}\p{N}._%+'!$*^`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Replace anything shaped like an email address. */
export function redactEmailAddresses(value: string): string {
  return value.replace(EMAIL_ADDRESS, '[redacted]');
}

function inlines(text: RichText): readonly Inline[] {
  return typeof text === 'string' ? [text] : text;
}

function richHtml(text: RichText, clean: Clean): SafeHtml {
  return html`${inlines(text).map((part) =>
    typeof part === 'string'
      ? multiline(clean(part))
      : html`<a href="${checkUrl(clean(part.href), { allowMailto: true })}" style="${STYLE.a}">${clean(part.text)}</a>`,
  )}`;
}

function richText(text: RichText, clean: Clean): string {
  return inlines(text)
    .map((part) => {
      if (typeof part === 'string') return clean(part);
      const href = checkUrl(clean(part.href), { allowMailto: true });
      const shown = clean(part.text);
      const same = [shown, `mailto:${shown}`, `https://${shown}`, `http://${shown}`].includes(href);
      return same ? shown : `${shown} (${href})`;
    })
    .join('');
}

function blockHtml(block: Block, clean: Clean): SafeHtml {
  switch (block.kind) {
    case 'heading':
      return html`<h2 style="${STYLE.h2}">${clean(block.text)}</h2>`;
    case 'paragraph':
      return html`<p style="${STYLE.p}">${richHtml(block.text, clean)}</p>`;
    case 'alert':
      return html`<p style="${STYLE.alert}">${richHtml(block.text, clean)}</p>`;
    case 'list':
      return html`<ul style="${STYLE.list}">${block.items.map((item) => html`<li>${richHtml(item, clean)}</li>`)}</ul>`;
    case 'facts':
      return html`<table style="${STYLE.table}">${block.rows.map(
        ([label, value]) =>
          html`<tr><th scope="row" style="${STYLE.td}font-weight:bold;width:40%;">${clean(label)}</th><td style="${STYLE.td}">${multiline(clean(value))}</td></tr>`,
      )}</table>`;
    case 'button': {
      const url = checkUrl(clean(block.url));
      return html`<p style="margin:16px 0;"><a href="${url}" style="${STYLE.button}">${clean(block.label)}</a></p>
<p style="${STYLE.small}">${clean(block.fallback)}<br><a href="${url}" style="${STYLE.a}word-break:break-all;">${url}</a></p>`;
    }
    case 'table':
      return html`<table style="${STYLE.table}"><caption style="${STYLE.caption}">${clean(block.caption)}</caption>
<thead><tr>${block.head.map((cell) => html`<th scope="col" style="${STYLE.th}">${clean(cell)}</th>`)}</tr></thead>
<tbody>${block.rows.map(
        (row) =>
          html`<tr>${row.map((cell, index) =>
            index === 0
              ? html`<th scope="row" style="${STYLE.td}">${multiline(clean(cell))}</th>`
              : html`<td style="${STYLE.td}">${multiline(clean(cell))}</td>`,
          )}</tr>`,
      )}</tbody></table>`;
  }
}

function blockText(block: Block, clean: Clean): string {
  switch (block.kind) {
    case 'heading':
      return `${clean(block.text)}\n${'-'.repeat(Math.min(clean(block.text).length, 60))}`;
    case 'paragraph':
      return richText(block.text, clean);
    case 'alert':
      return `!! ${richText(block.text, clean)}`;
    case 'list':
      return block.items.map((item) => `- ${richText(item, clean)}`).join('\n');
    case 'facts':
      return block.rows.map(([label, value]) => `${clean(label)}: ${clean(value)}`).join('\n');
    case 'button':
      return `${clean(block.label)}:\n${checkUrl(clean(block.url))}`;
    case 'table': {
      const rows = block.rows.map((row) => {
        const [first = '', ...rest] = row.map(clean);
        if (rest.length === 1) return `- ${first}: ${rest[0]}`;
        return [`- ${first}`, ...rest.map((cell, index) => `  ${clean(block.head[index + 1] ?? '')}: ${cell}`)].join('\n');
      });
      return [clean(block.caption), ...rows].join('\n');
    }
  }
}

/** One line: no header injection through a value that ends up in the subject. */
function subjectLine(subject: string): string {
  return subject.replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

export function renderEmail(doc: EmailDocument, options: { redactEmailAddresses?: boolean } = {}): RenderedEmail {
  const clean: Clean = options.redactEmailAddresses ? redactEmailAddresses : keep;
  const blocks = doc.blocks.filter((block): block is Block => Boolean(block));
  const subject = subjectLine(clean(doc.subject));
  const title = clean(doc.title);
  const text = [
    title,
    '='.repeat(Math.min(title.length, 60)),
    '',
    blocks.map((block) => blockText(block, clean)).join('\n\n'),
    '',
    '--',
    doc.footer.map((line) => richText(line, clean)).join('\n'),
    '',
  ].join('\n');
  const body = html`<!DOCTYPE html>
<html lang="${doc.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject}</title>
</head>
<body style="${STYLE.body}">
<div role="article" aria-label="${subject}" lang="${doc.locale}" style="${STYLE.card}">
<h1 style="${STYLE.h1}">${title}</h1>
${blocks.map((block) => html`${blockHtml(block, clean)}\n`)}<footer style="${STYLE.footer}">${doc.footer.map(
    (line, index) => html`${index > 0 ? html`<br>` : ''}${richHtml(line, clean)}`,
  )}</footer>
</div>
</body>
</html>
`;
  return { subject, text, html: body.value };
}
