import { RenderInputError } from './errors.js';

/**
 * A link target that is safe to put in an href: an absolute http(s) URL, or where allowed
 * a path on the same site or a mailto: address. Anything else (javascript:, data:, whitespace tricks) is refused.
 * The URL is returned unchanged, so signed query strings keep working.
 */
export function checkUrl(url: string, options: { allowPath?: boolean; allowMailto?: boolean } = {}): string {
  if (typeof url !== 'string' || url === '' || /[\s\u0000-\u001f\u007f]/.test(url)) {
    throw new RenderInputError(`Invalid URL: ${JSON.stringify(String(url).slice(0, 80))}`);
  }
  if (options.allowPath && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RenderInputError(`Invalid URL: ${JSON.stringify(url.slice(0, 80))}`);
  }
  if (options.allowMailto && parsed.protocol === 'mailto:') return url;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new RenderInputError(`URL must use http or https: ${JSON.stringify(url.slice(0, 80))}`);
  }
  return url;
}

export function mailto(address: string): string {
  return `mailto:${address}`;
}
