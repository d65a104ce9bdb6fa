import { createTransport } from 'nodemailer';
import { afterAll, beforeAll } from 'vitest';
import { DEFAULT_PRIVACY_ADDRESS } from '../../lib/constructs/privacy-mailbox.js';
import type { DsrTarget } from './target.js';

/** A mail as the tests send it: to the privacy address unless `to` says otherwise. */
export interface TestMail {
  from: string;
  subject: string;
  text?: string;
  to?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

/**
 * Real SMTP to the embedded runtime's listener, which stands in for SES inbound (LocalStack's
 * community edition has none): connected once the session's target has started.
 */
export function smtpOn(session: { target: DsrTarget }) {
  let smtp: ReturnType<typeof createTransport>;
  beforeAll(() => {
    smtp = createTransport({ host: '127.0.0.1', port: session.target.local!.smtpPort, secure: false, ignoreTLS: true });
  });
  afterAll(() => smtp?.close());
  return { send: (mail: TestMail) => smtp.sendMail({ to: DEFAULT_PRIVACY_ADDRESS, ...mail }) };
}
