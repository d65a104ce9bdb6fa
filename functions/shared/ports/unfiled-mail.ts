import type { MailFlag } from '../../core/mail/receipt.js';

/**
 * A mail to the privacy address that the intake did not file (over its rate limit): where
 * it lies and when it came, never its sender, subject or content.
 */
export interface UnfiledMail {
  /** The SES message id. */
  mailId: string;
  /** The raw message in the inbound-mail bucket. */
  objectKey: string;
  /** When SES received it: a request in it counts its deadline from then. */
  receivedAt: string;
  /** Whether it had a usable sender address (not which): without one, nobody can be answered. */
  senderKnown: boolean;
  /** Why it would have been held besides (spam, DMARC failure, unreadable, …). */
  flags: MailFlag[];
}

/** The unfiled mail the team has not cleared yet, oldest first. */
export interface UnfiledMailList {
  items: UnfiledMail[];
  /** More are kept than one read returns (a flood): `items` are the oldest of those read. */
  more: boolean;
}

/** Mail the intake did not file, kept for the privacy team (`DynamoUnfiledMail` on the requests table). */
export interface UnfiledMailRepo {
  /** Keeps one entry per mail id: a repeated delivery writes the same. */
  record(mail: UnfiledMail): Promise<void>;
  list(): Promise<UnfiledMailList>;
}
