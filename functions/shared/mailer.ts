import { SendEmailCommand } from '@aws-sdk/client-ses';
import { sesClient } from './aws-clients.js';
import type { RequestsRepo } from './requests-repo.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends an email once per (request, kind): a conditional marker is written first, so a
 * retried step never sends the same reply twice; a failed send releases the marker so
 * the retry can send it. Returns false when the email had already gone out.
 */
export async function sendOnce(
  repo: RequestsRepo,
  options: { requestId: string; kind: string; from: string; to: string; email: RenderedEmail },
): Promise<boolean> {
  if (!(await repo.claimMail(options.requestId, options.kind))) return false;
  try {
    await sesClient().send(
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
    );
  } catch (error) {
    await repo.releaseMail(options.requestId, options.kind);
    throw error;
  }
  await repo.audit(options.requestId, { type: 'email_sent', actor: 'workflow', details: { kind: options.kind } });
  return true;
}
