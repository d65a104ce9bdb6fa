import PostalMime from 'postal-mime';
import { normalizeAddress } from './receipt.js';

/** Longest message text kept on the request for the privacy team (the raw message stays whole). */
export const MAX_TEXT_CHARS = 20_000;

export interface MailAttachment {
  /** As the sender named it; `null` when it had no name. Never logged. */
  name: string | null;
  contentType: string;
  bytes: number;
}

/** A message as the privacy team reads it: plain text only, never its HTML. */
export interface MailContent {
  /** The sender's address (From, normalized); undefined when From holds no usable address. */
  from?: string;
  fromName?: string;
  subject: string;
  /** The Message-ID header, angle brackets included. */
  messageId?: string;
  /** The plain-text part, cut at MAX_TEXT_CHARS; absent when the message has only HTML. */
  text?: string;
  /** True when the message has an HTML part but no plain-text one (the team opens the original). */
  htmlOnly: boolean;
  attachments: MailAttachment[];
}

function byteLength(content: ArrayBuffer | Uint8Array | string): number {
  return typeof content === 'string' ? new TextEncoder().encode(content).byteLength : content.byteLength;
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
    fromName: from?.name || undefined,
    subject: email.subject ?? '',
    messageId: email.messageId,
    text: email.text?.slice(0, MAX_TEXT_CHARS),
    htmlOnly: email.text === undefined && email.html !== undefined,
    attachments: email.attachments.map((attachment) => ({
      name: attachment.filename,
      contentType: attachment.mimeType,
      bytes: byteLength(attachment.content),
    })),
  };
}
