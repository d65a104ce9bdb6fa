import { App } from 'aws-cdk-lib';
import { knownRecipients } from '../functions/core/inventory/index.js';
import { buildApp, stackPropsFromContext } from './app.js';

/**
 * What `npm run preflight` checks before a deploy, as plain sentences: `blocking` stops the
 * deploy or its first request, `warning` deploys but leaves something undone, `ok` was checked.
 */
export interface Finding {
  level: 'blocking' | 'warning' | 'ok';
  text: string;
}

/** CDK context: cdk.json's `context` with the `-c key=value` arguments over it. */
export type Context = Record<string, unknown>;

const propsOf = (context: Context) => stackPropsFromContext(new App({ context }));

/** The settings, as the stack reads them: each one missing or unusable, in words. */
export function settingsFindings(context: Context): Finding[] {
  const findings: Finding[] = [];
  try {
    // Builds the stack without bundling: every check the stack makes at synth runs here.
    buildApp(new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } }));
  } catch (error) {
    return [{ level: 'blocking', text: `The settings do not synthesize: ${(error as Error).message}` }];
  }
  const props = propsOf(context);
  findings.push({ level: 'ok', text: 'The settings synthesize (every check the stack makes at synth passed).' });
  for (const key of ['senderEmail', 'privacyTeamEmail'] as const) {
    if (context[key] === undefined) {
      findings.push({ level: 'warning', text: `${key} is not set: the default ${props.mail[key]} is used. Set -c ${key}=<address> if that is not yours.` });
    }
  }
  if (!props.alarmEmail) {
    findings.push({ level: 'warning', text: 'alarmEmail is not set: alarms (deadline passed, failed workflow, intake errors) go to a topic nobody receives. Set -c alarmEmail=<address>.' });
  }
  if (!props.existingStores) {
    findings.push({ level: 'warning', text: "existingStores is not set: the stack creates empty demo stores, and requests search those, not Kiara's data. Set -c existingStoresFile=stores.json." });
  }
  const contacts = props.recipientContacts ?? {};
  const untold = knownRecipients().filter((recipient) => !contacts[recipient.id]);
  if (untold.length > 0) {
    findings.push({
      level: 'warning',
      text: `recipientContacts has no address for ${untold.map((recipient) => recipient.id).join(', ')}: after an erasure these recipients are not notified (Art. 19); the privacy team sees each missing notice. Set -c recipientContactsFile=<file>.`,
    });
  }
  return findings;
}

/** What SES told about the account: each identity's verification status and the daily quota. */
export interface SesState {
  /** Status by identity (address or domain): `Success`, `Pending`, `Failed`, …; absent = not added. */
  verification: Record<string, string | undefined>;
  max24HourSend: number;
}

/** SES's sandbox quota: 200 messages a day (SES developer guide, "Request production access"). */
const SANDBOX_DAILY_QUOTA = 200;

/** Whether SES will send for the stack: the sender verified, and out of the sandbox or to verified recipients only. */
export function sesFindings(senderEmail: string, recipients: string[], ses: SesState): Finding[] {
  const verified = (address: string) =>
    ses.verification[address] === 'Success' || ses.verification[address.slice(address.lastIndexOf('@') + 1)] === 'Success';
  const findings: Finding[] = [];
  if (verified(senderEmail)) findings.push({ level: 'ok', text: `SES: the sender ${senderEmail} is verified (address or domain).` });
  else {
    findings.push({
      level: 'blocking',
      text: `SES: the sender ${senderEmail} is not verified in this region, so no email can go out. Verify its domain (aws sesv2 create-email-identity --email-identity <domain>, then publish the DKIM records) or the address.`,
    });
  }
  if (ses.max24HourSend > SANDBOX_DAILY_QUOTA) {
    findings.push({ level: 'ok', text: `SES: the account may send ${ses.max24HourSend} messages a day: out of the sandbox.` });
    return findings;
  }
  const unverified = [...new Set(recipients)].filter((address) => !verified(address));
  findings.push({
    level: 'blocking',
    text:
      `SES: the account's quota is ${ses.max24HourSend} messages a day, the sandbox's: SES delivers only to verified addresses, so requesters get no email. ` +
      'Request production access before real requests (aws sesv2 put-account-details --production-access-enabled …).' +
      (unverified.length > 0 ? ` Until then, verify the addresses the stack emails: ${unverified.join(', ')}.` : ''),
  });
  return findings;
}

/** The sender, and the addresses the stack emails besides requesters (privacy team, Art. 19 recipients). */
export function mailOf(context: Context): { sender: string; recipients: string[] } {
  const props = propsOf(context);
  return { sender: props.mail.senderEmail, recipients: [props.mail.privacyTeamEmail, ...Object.values(props.recipientContacts ?? {})] };
}

/** One line per finding, blocking first. */
export function formatFindings(findings: Finding[]): string {
  const mark = { blocking: 'MISSING', warning: 'CHECK  ', ok: 'ok     ' } as const;
  const order = { blocking: 0, warning: 1, ok: 2 } as const;
  return [...findings]
    .sort((a, b) => order[a.level] - order[b.level])
    .map((finding) => `${mark[finding.level]} ${finding.text}`)
    .join('\n');
}

/** cdk.json's context with `-c key=value` arguments (as `cdk deploy` takes them) over it. */
export function contextFrom(cdkJsonContext: Context, args: string[]): Context {
  const entries: Context = { ...cdkJsonContext };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const inline = /^(?:-c|--context)=(.*)$/.exec(arg)?.[1];
    const pair = inline ?? (arg === '-c' || arg === '--context' ? args[++i] : undefined);
    if (pair === undefined) throw new Error(`preflight: unexpected argument "${arg}"; pass settings as -c key=value, as to cdk deploy`);
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new Error(`preflight: "${pair}" is not key=value`);
    entries[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return entries;
}
