/** An email as aws-ses-v2-local keeps it (see its dist/store.d.ts). */
export interface MailboxEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: Array<{ content: string; contentType: string; filename?: string; size: number }>;
  headers?: Array<{ name: string; value: string }>;
  /** When it was sent, in epoch seconds. */
  at: number;
}

/**
 * The emails the local SES has received, oldest first; `since` (a Date or epoch seconds)
 * keeps those sent at or after it. The emulator only has one-second resolution.
 */
export async function readMailbox(mailboxUrl: string, since?: Date | number): Promise<MailboxEmail[]> {
  const url = new URL('/store', mailboxUrl);
  if (since !== undefined) {
    const seconds = since instanceof Date ? Math.floor(since.getTime() / 1000) : Math.floor(since);
    url.searchParams.set('since', String(seconds));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url.href} answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: MailboxEmail[] };
  return emails;
}

/** Empties the local SES mailbox (and its templates). */
export async function clearMailbox(mailboxUrl: string): Promise<void> {
  const response = await fetch(new URL('/clear-store', mailboxUrl), { method: 'POST' });
  if (!response.ok) throw new Error(`POST /clear-store answered ${response.status}`);
}
