import type { MailboxEmail } from '../../local-runtime/mailbox.js';
import type { SucceededCall } from '../../local-runtime/faults/injector.js';

/** The soak's email figures and problems, as the mail check adds to them. */
export interface MailChecks {
  problems: string[];
  emailsSent: number;
  emailsExpected: number;
  resentAfterCrash: number;
}

const sendKey = (input: Record<string, any>) => `${input.Destination?.ToAddresses?.join(',')}|${input.Message?.Subject?.Data}`;

/** How often SES accepted an email (recipient and subject) right before its Lambda was killed. */
export function countCrashedSends(crashes: readonly SucceededCall[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of crashes) {
    if (call.operation === 'SendEmail') counts.set(sendKey(call.input), (counts.get(sendKey(call.input)) ?? 0) + 1);
  }
  return counts;
}

/**
 * Each email marked sent is in the mailbox; a copy more is allowed only where SES accepted
 * one of the request's emails right before its Lambda was killed (the window README
 * "Failure behaviour" describes), one per such crash: the team's notices of failures are one
 * per occurrence under the same subject, so two occurrences can each be resent. The mails
 * are counted against the markers, not by subject.
 */
export function checkMails(what: string, id: string, kindsSent: string[], mailbox: MailboxEmail[], crashedSends: ReadonlyMap<string, number>, checks: MailChecks) {
  const mails = mailbox.filter((mail) => mail.subject.includes(id) || (mail.body.text ?? '').includes(id));
  const extra = mails.length - kindsSent.length;
  const keysHere = new Set(mails.map((mail) => `${mail.destination.to.join(',')}|${mail.subject}`));
  const crashedHere = [...keysHere].reduce((sum, key) => sum + (crashedSends.get(key) ?? 0), 0);
  if (extra < 0) checks.problems.push(`${what}: ${kindsSent.length} emails marked sent (${kindsSent.join(', ')}), ${mails.length} in the mailbox`);
  else if (extra > crashedHere) checks.problems.push(`${what}: ${extra} emails more than marked sent (${kindsSent.join(', ')}), ${crashedHere} of them explained by a crash after SES accepted`);
  else checks.resentAfterCrash += extra;
  checks.emailsSent += mails.length;
  checks.emailsExpected += kindsSent.length;
}
