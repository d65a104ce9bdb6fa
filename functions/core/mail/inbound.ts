import type { MailFacts } from '../request/model.js';
import { planAttachments, type AttachmentWrite } from './attachments.js';
import type { MailContent } from './message.js';
import { normalizeAddress, verdictFlags, type MailFlag, type MailVerdicts } from './receipt.js';
import { referencedRequest, sentMailIdsOf } from './reference.js';

/** One message SES (or the local listener) received for the privacy address. */
export interface InboundMail {
  /** SES's id of the message; the raw message's key in the bucket ends with it. */
  mailId: string;
  /** When SES received it: a request's deadlines count from it. */
  receivedAt: string;
  /** Where the bucket keeps received mail: the raw message is `<mailPrefix><mailId>`. */
  mailPrefix: string;
  objectKey: string;
  bytes: number;
  /** The SMTP envelope sender (MAIL FROM); the contact when From has no usable address. */
  envelopeFrom?: string;
  verdicts: MailVerdicts;
  /** The parsed message; absent when it could not be read (see `unreadable`). */
  content?: MailContent;
  unreadable?: Extract<MailFlag, 'malformed' | 'oversized'>;
}

/** What the mail intake does with a message. */
export interface MailPlan {
  /** The request the subject names: the message joins it when that request exists. */
  answers?: string;
  /** The SES message ids of our emails its headers say it answers (In-Reply-To, References). */
  answersMail: string[];
  /** Repeats of one message (the same Message-ID, a repeated delivery) share this key. */
  deliveryKey: string;
  /** The reply address: From, else the envelope sender; empty when neither is an address. */
  contactEmail: string;
  name?: string;
  facts: MailFacts;
  /** The attachments to store before the record lists them as stored. */
  attachmentWrites: AttachmentWrite[];
  /**
   * No automatic reply: the message may be forged or spam, could not be read, or has no
   * address to answer. It waits for the privacy team, flagged.
   */
  held: boolean;
}

export function planMail(mail: InboundMail): MailPlan {
  const { content } = mail;
  const flags = [...verdictFlags(mail.verdicts), ...(mail.unreadable ? [mail.unreadable] : [])];
  const contactEmail = content?.from ?? normalizeAddress(mail.envelopeFrom) ?? '';
  const held = flags.length > 0 || contactEmail === '';
  const attachments = planAttachments(content?.attachments ?? [], mail);
  return {
    answers: referencedRequest(content?.subject),
    answersMail: content ? sentMailIdsOf(content) : [],
    deliveryKey: `mail:${content?.messageId?.trim() || mail.mailId}`,
    contactEmail,
    name: content?.fromName,
    facts: {
      mailId: mail.mailId,
      objectKey: mail.objectKey,
      bytes: mail.bytes,
      verdicts: mail.verdicts,
      flags,
      held,
      subject: content?.subject,
      text: content?.text,
      htmlOnly: content?.htmlOnly,
      attachments: attachments.listed,
      ...(attachments.notListed > 0 ? { attachmentsNotListed: attachments.notListed } : {}),
    },
    attachmentWrites: attachments.writes,
    held,
  };
}
