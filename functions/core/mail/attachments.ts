import { MAX_MAIL_BYTES, type MailVerdicts } from './receipt.js';
import type { ReadAttachment } from './message.js';

/**
 * Most attachments of one mail whose content is stored: each is a write of the intake
 * invocation and a line of the request's mail record (one DynamoDB item of at most 400 KB).
 */
export const MAX_STORED_ATTACHMENTS = 20;

/**
 * Most bytes of attachment content stored per mail, decoded: the largest message read.
 * Decoded parts are never larger than their message, so this bounds what one intake
 * writes should the message limit change, rather than refusing anything today.
 */
export const MAX_STORED_ATTACHMENT_BYTES = MAX_MAIL_BYTES;

/**
 * Most attachments of one mail listed on its record; the others are only counted. With
 * names of up to MAX_NAME_CHARS, 100 entries stay far below DynamoDB's 400 KB item limit,
 * which a mail with thousands of parts would pass (and then could not be filed at all).
 */
export const MAX_LISTED_ATTACHMENTS = 100;

/** Longest attachment name kept on the record; a longer one is cut. */
const MAX_NAME_CHARS = 255;

/**
 * Why an attachment is listed without its content: beyond the count or size limit, or
 * in a mail SES found a virus in (the team reads the raw message only if it must).
 */
export type AttachmentNotStored = 'count_limit' | 'size_limit' | 'virus';

/** An attachment as the request's mail record lists it; its content is in S3, never in the record. */
export interface MailAttachment {
  /** Its number among the message's attachments, from 1: the download route names it. */
  part: number;
  /** As the sender named it; `null` when it had no name. Never logged. */
  name: string | null;
  contentType: string;
  bytes: number;
  /** Absent when the content is stored, under `<prefix>attachments/<mail id>/<part>`. */
  notStored?: AttachmentNotStored;
}

/** One attachment's content to store. */
export interface AttachmentWrite {
  key: string;
  contentType: string;
  content: Uint8Array;
}

/** Where the decoded attachments are kept: beside the raw messages, under their lifecycle rule. */
export const attachmentsPrefix = (mailPrefix: string) => `${mailPrefix}attachments/`;

/** The key of one stored attachment. SES message ids never contain a slash, so none is `attachments`. */
export const attachmentKey = (mailPrefix: string, mailId: string, part: number) => `${attachmentsPrefix(mailPrefix)}${mailId}/${part}`;

/** The type an object is stored with: the declared one when it is a plain `type/subtype`, else bytes. */
export function storedContentType(declared: string): string {
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$/i.test(declared) ? declared.toLowerCase() : 'application/octet-stream';
}

/**
 * Which attachments of a mail are stored, in message order: none of a mail with a virus
 * verdict; otherwise the first MAX_STORED_ATTACHMENTS that fit in MAX_STORED_ATTACHMENT_BYTES
 * together. The first MAX_LISTED_ATTACHMENTS are listed, one not stored saying why; the
 * others are counted (`notListed`).
 */
export function planAttachments(
  read: readonly ReadAttachment[],
  where: { mailPrefix: string; mailId: string; verdicts: MailVerdicts },
): { listed: MailAttachment[]; notListed: number; writes: AttachmentWrite[] } {
  const listed: MailAttachment[] = [];
  const writes: AttachmentWrite[] = [];
  let storedBytes = 0;
  read.slice(0, MAX_LISTED_ATTACHMENTS).forEach((attachment, index) => {
    const part = index + 1;
    const bytes = attachment.content.byteLength;
    const contentType = storedContentType(attachment.contentType);
    const entry = { part, name: attachment.name?.slice(0, MAX_NAME_CHARS) ?? null, contentType, bytes };
    const notStored: AttachmentNotStored | undefined =
      where.verdicts.virus === 'FAIL'
        ? 'virus'
        : writes.length >= MAX_STORED_ATTACHMENTS
          ? 'count_limit'
          : storedBytes + bytes > MAX_STORED_ATTACHMENT_BYTES
            ? 'size_limit'
            : undefined;
    if (notStored) {
      listed.push({ ...entry, notStored });
      return;
    }
    storedBytes += bytes;
    listed.push(entry);
    writes.push({ key: attachmentKey(where.mailPrefix, where.mailId, part), contentType, content: attachment.content });
  });
  return { listed, notListed: Math.max(0, read.length - MAX_LISTED_ATTACHMENTS), writes };
}

/**
 * Every object a received mail left in the bucket, as its record names them: the raw
 * message and its stored attachments (a record from before parts were kept names none).
 */
export function mailObjectKeys(mailPrefix: string, mail: { mailId?: string; objectKey: string; attachments: readonly Partial<MailAttachment>[] }): string[] {
  const stored = mail.mailId === undefined ? [] : mail.attachments.filter((a) => a.part !== undefined && !a.notStored);
  return [mail.objectKey, ...stored.map((a) => attachmentKey(mailPrefix, mail.mailId!, a.part!))];
}

/** Characters RFC 5987 lets through unescaped in `filename*` besides letters and digits. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+.^_`|~-]/;

/**
 * How a download of a stored attachment is served: always `attachment` (a browser saves it,
 * it never renders it, so a mailed HTML or SVG file cannot run script), named as the sender
 * named it with path separators, control characters and leading dots taken out: an ASCII
 * `filename` for every browser and the UTF-8 name as `filename*` (RFC 6266, RFC 5987).
 */
export function downloadDisposition(name: string | null, part: number): string {
  const cleaned = (name ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f/\\]/g, '')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, MAX_NAME_CHARS) || `attachment-${part}`;
  const ascii = cleaned.replace(/[^\x20-\x7e]|["%;]/g, '_');
  const encoded = [...new TextEncoder().encode(cleaned)]
    .map((byte) => (byte < 0x80 && ATTR_CHAR.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
