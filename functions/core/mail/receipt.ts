/**
 * What SES says about an inbound message, and what follows from it. Pure: the mail-intake
 * Lambda and the local SMTP listener's receipt events both go through it.
 */

/** SES receipt verdict values; the local listener marks every check `PROCESSING_FAILED` (not checked). */
export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

export interface MailVerdicts {
  spf: VerdictStatus;
  dkim: VerdictStatus;
  dmarc: VerdictStatus;
  spam: VerdictStatus;
  virus: VerdictStatus;
}

/** Largest message read (bytes): larger ones are kept as they came and shown to the team unread. */
export const MAX_MAIL_BYTES = 10 * 1024 * 1024;

/**
 * Why a message gets no automatic reply and waits for the privacy team:
 * `spam`, `virus`, `dmarc_fail` (the sender may be forged: no backscatter);
 * `malformed`, `oversized` (it could not be read; the raw message is kept).
 */
export type MailFlag = 'spam' | 'virus' | 'dmarc_fail' | 'malformed' | 'oversized';

/** The SES receipt's verdicts, as the request keeps them. */
export function verdictsOf(receipt: {
  spfVerdict: { status: VerdictStatus };
  dkimVerdict: { status: VerdictStatus };
  dmarcVerdict: { status: VerdictStatus };
  spamVerdict: { status: VerdictStatus };
  virusVerdict: { status: VerdictStatus };
}): MailVerdicts {
  return {
    spf: receipt.spfVerdict.status,
    dkim: receipt.dkimVerdict.status,
    dmarc: receipt.dmarcVerdict.status,
    spam: receipt.spamVerdict.status,
    virus: receipt.virusVerdict.status,
  };
}

/**
 * The flags of the verdicts. Only a verdict that failed flags a message: one SES could not
 * check (or the local listener, which checks nothing) is shown as such, not held. A passing
 * DMARC verdict never replaces the identity link.
 */
export function verdictFlags(verdicts: MailVerdicts): MailFlag[] {
  const flags: MailFlag[] = [];
  if (verdicts.spam === 'FAIL') flags.push('spam');
  if (verdicts.virus === 'FAIL') flags.push('virus');
  if (verdicts.dmarc === 'FAIL') flags.push('dmarc_fail');
  return flags;
}

/** An address as a contact: trimmed and lower-cased; undefined when it is not one. */
export function normalizeAddress(address: string | undefined): string | undefined {
  const value = address?.trim().toLowerCase();
  return value && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value) ? value : undefined;
}
