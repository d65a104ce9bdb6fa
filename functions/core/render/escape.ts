/**
 * HTML escaping. Every value interpolated into markup goes through the `html` tag, which
 * escapes everything except markup that was itself built by the tag.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for use in HTML content and in double- or single-quoted attributes. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** Markup produced by the `html` tag; the only thing the tag inserts unescaped. */
export class SafeHtml {
  private constructor(readonly value: string) {}

  /** For this module's own constant markup only; never pass input through it. */
  static trusted(value: string): SafeHtml {
    return new SafeHtml(value);
  }

  toString(): string {
    return this.value;
  }
}

export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function toHtml(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((item: HtmlValue) => toHtml(item)).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value as string | number);
}

/** Template tag: `html\`<p>${text}</p>\`` escapes `text` unless it is a SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += toHtml(value) + (strings[index + 1] ?? '');
  });
  return SafeHtml.trusted(out);
}

/** Escaped text with its line breaks kept as `<br>`. */
export function multiline(text: string): SafeHtml {
  return html`${text.split(/\r\n|\r|\n/).map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`))}`;
}
