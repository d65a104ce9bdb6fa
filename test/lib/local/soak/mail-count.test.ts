import { describe, expect, it } from 'vitest';
import type { SucceededCall } from '../../../../lib/local-runtime/faults/injector.js';
import type { MailboxEmail } from '../../../../lib/local-runtime/mailbox.js';
import { checkMails, countCrashedSends, type MailChecks } from '../../../../lib/local/soak/mail-count.js';

const TEAM = 'privacy-team@example.com';
const SUBJECT = '[DSR] Workflow step failed: Assemble for dsr_a';

const mail = (subject: string): MailboxEmail => ({
  messageId: subject,
  from: 'dsr@example.com',
  replyTo: [],
  destination: { to: [TEAM], cc: [], bcc: [] },
  subject,
  body: { text: '' },
  attachments: [],
  at: 0,
});
const sendCrashed = (subject: string): SucceededCall => ({
  functionLogicalId: 'StepsAwaitDecision',
  service: 'ses',
  operation: 'SendEmail',
  input: { Destination: { ToAddresses: [TEAM] }, Message: { Subject: { Data: subject } } },
});
const fresh = (): MailChecks => ({ problems: [], emailsSent: 0, emailsExpected: 0, resentAfterCrash: 0 });

describe('the soak’s count of emails against their markers', () => {
  it('allows one copy more per crash right after SES accepted, also for two occurrences of a team notice under one subject', () => {
    const checks = fresh();
    // Two failure occurrences (two markers), each sent, killed and resent: four mails.
    const mailbox = [mail(SUBJECT), mail(SUBJECT), mail(SUBJECT), mail(SUBJECT)];
    checkMails('dsr_a', 'dsr_a', ['step_failure#1', 'step_failure#2'], mailbox, countCrashedSends([sendCrashed(SUBJECT), sendCrashed(SUBJECT)]), checks);
    expect(checks.problems).toEqual([]);
    expect(checks.resentAfterCrash).toBe(2);
  });

  it('reports a copy no crash explains', () => {
    const checks = fresh();
    checkMails('dsr_a', 'dsr_a', ['step_failure#1'], [mail(SUBJECT), mail(SUBJECT), mail(SUBJECT)], countCrashedSends([sendCrashed(SUBJECT)]), checks);
    expect(checks.problems).toEqual(['dsr_a: 2 emails more than marked sent (step_failure#1), 1 of them explained by a crash after SES accepted']);
  });
});
