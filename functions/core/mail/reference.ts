/**
 * How a reply finds its request: every email about a request carries `[dsr_…]` in its
 * subject, which every mail client's "Re:" keeps. (SES's SendEmail sets its own
 * Message-ID, so In-Reply-To/References cannot name the request.)
 */

const TAGGED_REQUEST_ID = /\[(dsr_[0-9a-z]{8,12}[0-9a-f]{20})\]/;

/** The subject tag that survives a reply. */
export function subjectTag(requestId: string): string {
  return `[${requestId}]`;
}

/** The request a message answers, from its subject tag; undefined for a new message. */
export function referencedRequest(subject: string | undefined): string | undefined {
  return TAGGED_REQUEST_ID.exec(subject ?? '')?.[1];
}
