import { convert } from 'html-to-text';
import PostalMime from 'postal-mime';
import { normalizeAddress } from './receipt.js';

/** Longest message text kept on the request for the privacy team (the raw message stays whole). */
export const MAX_TEXT_CHARS = 20_000;
/**
 * Longest subject, sender name and attachment name kept: a header may be a megabyte long,
 * and the request with its message must stay one DynamoDB item (400 KB).
 */
export const MAX_HEADER_CHARS = 1000;

/** An attachment as read from the message, decoded; its content goes to S3, never to a record. */
export interface ReadAttachment {
  /** As the sender named it; `null` when it had no name. Never logged. */
  name: string | null;
  /** As the message declared it (postal-mime's MIME type). */
  contentType: string;
  content: Uint8Array;
}

/** A message as the privacy team reads it: plain text only, never its HTML. */
export interface MailContent {
  /** The sender's address (From, normalized); undefined when From holds no usable address. */
  from?: string;
  fromName?: string;
  subject: string;
  /** The Message-ID header, angle brackets included. */
  messageId?: string;
  /** The In-Reply-To and References headers as they came: the messages this one answers. */
  inReplyTo?: string;
  references?: string;
  /**
   * The plain-text part, or for a message with only HTML that HTML converted to plain text;
   * cut at MAX_TEXT_CHARS. Absent when the message has neither.
   */
  text?: string;
  /** True when the message has an HTML part but no plain-text one: `text` was converted from it. */
  htmlOnly: boolean;
  /** In the order of the message's parts. */
  attachments: ReadAttachment[];
}

/**
 * Longest start of an HTML body converted to text: ten times the text kept. Converting
 * costs more than linear time in the nesting of its tags; 2 MB of nested tags took minutes
 * of CPU, past the Lambda's timeout.
 */
const MAX_HTML_CHARS = 10 * MAX_TEXT_CHARS;
/** Tags nested deeper are not read: the converter recurses per level and would overflow the stack. */
const MAX_HTML_DEPTH = 100;

/**
 * Plain text of a message's HTML for the classifier and the team, who never see the HTML
 * rendered: scripts, styles and images dropped (a remote image is a tracking pixel), links
 * written as their text and address, so the team sees where a link would lead.
 */
function htmlAsText(html: string): string {
  return convert(html.slice(0, MAX_HTML_CHARS), {
    wordwrap: false,
    selectors: [{ selector: 'img', format: 'skip' }],
    limits: { maxDepth: MAX_HTML_DEPTH },
  });
}

function bytesOf(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/**
 * Parses a raw RFC 5322 message with postal-mime. Throws on a message it cannot parse;
 * the caller keeps such a message as `malformed`.
 */
export async function readMessage(raw: Uint8Array): Promise<MailContent> {
  const email = await PostalMime.parse(raw);
  const from = email.from && 'address' in email.from ? email.from : undefined;
  return {
    from: normalizeAddress(from?.address),
    fromName: from?.name?.slice(0, MAX_HEADER_CHARS) || undefined,
    subject: (email.subject ?? '').slice(0, MAX_HEADER_CHARS),
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references,
    text: (email.text ?? (email.html === undefined ? undefined : htmlAsText(email.html)))?.slice(0, MAX_TEXT_CHARS),
    htmlOnly: email.text === undefined && email.html !== undefined,
    attachments: email.attachments.map((attachment) => ({
      name: attachment.filename?.slice(0, MAX_HEADER_CHARS) ?? null,
      contentType: attachment.mimeType,
      content: bytesOf(attachment.content),
    })),
  };
}
