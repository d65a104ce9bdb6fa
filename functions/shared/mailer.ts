import { SendEmailCommand } from '@aws-sdk/client-ses';
import { sesClient } from './aws-clients.js';
import type { EmailMarker } from '../core/request/email-kinds.js';
import type { RequestsRepo } from './ports/requests-repo.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * How long a claim to send stays another invocation's: Lambda's longest timeout, so the
 * claimant is surely dead when a retry takes over.
 */
export const MAIL_CLAIM_LEASE_MS = 15 * 60_000;

let claimLeaseMs = MAIL_CLAIM_LEASE_MS;

/**
 * Shortens (or restores) the lease for the handlers of this process: only the local
 * runtime calls it (its `mailClaimLeaseMs` option), so that a test whose invocation died
 * after its claim need not wait a quarter of an hour, as Waits are shortened there.
 */
export function setMailClaimLease(ms: number): void {
  claimLeaseMs = ms;
}

/** Another invocation claimed this email and may still be sending it; retry after its lease. */
export class MailSendInProgressError extends Error {
  override readonly name = 'MailSendInProgressError';
  constructor(kind: string) {
    super(`The ${kind} email is claimed by another invocation; retry after its lease`);
  }
}

/**
 * Sends an email once per (request, kind): a conditional `sending` marker with a lease
 * is written first, so a retried step never sends the same reply twice; it becomes
 * `sent` only once SES accepted the email. A failed send releases the marker; a Lambda
 * that dies before sending leaves it to be taken over after the lease, so a claim never
 * stands for an email that did not leave. Returns false when the email had already gone out.
 */
/**
 * Calls of the marker's update once SES accepted, each with the SDK's own retries: a marker
 * left `sending` means a second copy after the lease, so this write gets more tries than any
 * other (full-jitter backoff, 0.2 s doubling; a few seconds in all).
 */
const MARK_SENT_CALLS = 4;

async function markSent(mark: () => Promise<void>): Promise<void> {
  for (let call = 1; ; call += 1) {
    try {
      return await mark();
    } catch (error) {
      if (call >= MARK_SENT_CALLS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 200 * 2 ** call));
    }
  }
}

export async function sendOnce(
  repo: RequestsRepo,
  options: { requestId: string; kind: EmailMarker; from: string; to: string; email: RenderedEmail },
): Promise<boolean> {
  const claim = await repo.claimMail(options.requestId, options.kind, claimLeaseMs);
  if (claim === 'sent') return false;
  if (claim === 'held') throw new MailSendInProgressError(options.kind);
  let messageId: string | undefined;
  try {
    ({ MessageId: messageId } = await sesClient().send(
      new SendEmailCommand({
        Source: options.from,
        Destination: { ToAddresses: [options.to] },
        Message: {
          Subject: { Data: options.email.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: options.email.text, Charset: 'UTF-8' },
            Html: { Data: options.email.html, Charset: 'UTF-8' },
          },
        },
      }),
    ));
  } catch (error) {
    await repo.releaseMail(options.requestId, options.kind);
    throw error;
  }
  // SES accepted it. Its message id is in the email's Message-ID header, which a reply names
  // (In-Reply-To). Until the marker says sent, a retry after the lease would send it again.
  await markSent(() => repo.markMailSent(options.requestId, options.kind, messageId));
  await repo.audit(options.requestId, { type: 'email_sent', actor: 'workflow', details: { kind: options.kind } });
  return true;
}
