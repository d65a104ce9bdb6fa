import type { InboundMail, MailPlan } from './inbound.js';
import type { MailFlag } from './receipt.js';

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

/** What the team is shown of a mail the intake did not file: ids, key, time and codes only. */
export function unfiledMailOf(mail: InboundMail, plan: MailPlan): UnfiledMail {
  return { mailId: mail.mailId, objectKey: mail.objectKey, receivedAt: mail.receivedAt, senderKnown: plan.contactEmail !== '', flags: plan.facts.flags };
}
