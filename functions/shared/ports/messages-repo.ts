import type { MailAttachment } from '../../core/mail/attachments.js';
import type { MailFlag, MailVerdicts } from '../../core/mail/receipt.js';

/** Replies to the privacy address kept with their request (`DynamoMessagesRepo` on the requests table). */
export interface MessagesRepo {
  /** Stores a message once; false when this mail id was stored before (a repeated delivery). */
  add(requestId: string, message: ReceivedMessage): Promise<boolean>;
  /** The request's messages, oldest first. */
  list(requestId: string): Promise<ReceivedMessage[]>;
}

/** A mail that answers a request, as its timeline shows it (in the request's partition). */
export interface ReceivedMessage {
  /** The SES message id: one item per delivered message, however often SES delivers it. */
  mailId: string;
  receivedAt: string;
  /** The raw message in the inbound-mail bucket. */
  objectKey: string;
  bytes: number;
  /** Whether it came from the request's own contact address. */
  fromContact: boolean;
  verdicts: MailVerdicts;
  flags: MailFlag[];
  subject?: string;
  text?: string;
  htmlOnly?: boolean;
  attachments: MailAttachment[];
  attachmentsNotListed?: number;
}
