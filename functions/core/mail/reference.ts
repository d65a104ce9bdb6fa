import type { MailContent } from './message.js';

/**
 * How a reply finds its request. Every email about a request carries `[dsr_…]` in its
 * subject, which every mail client's "Re:" keeps; and each one's SES message id is recorded
 * when SES accepts it (the `MAIL#` marker). SES sets the Message-ID header itself, as
 * `<MessageId@<region>.amazonses.com>` (`email.amazonses.com` in us-east-1), so a reply's
 * In-Reply-To or References names the request even when the subject lost its tag.
 */

const TAGGED_REQUEST_ID = /\[(dsr_[0-9a-z]{8,12}[0-9a-f]{20})\]/;

/** Message ids looked up for one reply at most: References may list a whole thread. */
const MAX_REFERENCED_IDS = 10;

/** The subject tag that survives a reply. */
export function subjectTag(requestId: string): string {
  return `[${requestId}]`;
}

/** The request a message answers, from its subject tag; undefined for a new message. */
export function referencedRequest(subject: string | undefined): string | undefined {
  return TAGGED_REQUEST_ID.exec(subject ?? '')?.[1];
}

/**
 * The SES message ids a message may answer: the part before the `@` of each id its
 * In-Reply-To names, then those of References, newest (last) first; each once, at most
 * MAX_REFERENCED_IDS. An id SES never gave finds no request.
 */
export function sentMailIdsOf(content: Pick<MailContent, 'inReplyTo' | 'references'>): string[] {
  const idsIn = (header: string | undefined) => [...(header ?? '').matchAll(/<([^<>@\s]+)@[^<>\s]*>/g)].map((match) => match[1]!);
  const ids = [...idsIn(content.inReplyTo), ...idsIn(content.references).reverse()];
  return [...new Set(ids)].slice(0, MAX_REFERENCED_IDS);
}
