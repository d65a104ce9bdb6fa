import { describe, expect, it } from 'vitest';
import { contextFrom, sesFindings, settingsFindings, type Finding } from '../../lib/preflight.js';

/** `npm run preflight`: the checks, from settings and from what SES answers (bin/preflight.ts asks it). */
const levels = (findings: Finding[]) => findings.map((finding) => finding.level);
const text = (findings: Finding[]) => findings.map((finding) => finding.text).join('\n');

describe('preflight', () => {
  it('reads -c key=value over cdk.json, as cdk deploy does', () => {
    const context = contextFrom({ senderEmail: 'a@x.example', other: 1 }, ['-c', 'senderEmail=b@x.example', '--context=alarmEmail=o@x.example', '-c', 'x=a=b']);
    expect(context).toEqual({ senderEmail: 'b@x.example', other: 1, alarmEmail: 'o@x.example', x: 'a=b' });
    expect(() => contextFrom({}, ['deploy'])).toThrow(/pass settings as -c key=value/);
  });

  it('names each setting left at its default or unset, and what that means', () => {
    const findings = settingsFindings({});
    expect(levels(findings)).not.toContain('blocking');
    const said = text(findings);
    expect(said).toMatch(/senderEmail is not set: the default privacy@kiara-api.com is used/);
    expect(said).toMatch(/alarmEmail is not set/);
    expect(said).toMatch(/existingStores is not set: the stack creates empty demo stores/);
    expect(said).toMatch(/recipientContacts has no address for hosting/);
  });

  it('blocks on settings the stack refuses, with the stack\'s reason', () => {
    const findings = settingsFindings({ recordRetentionYears: '0' });
    expect(levels(findings)).toEqual(['blocking']);
    expect(text(findings)).toMatch(/do not synthesize: .*recordRetentionYears/);
  });

  it('blocks on an unverified sender, and on the SES sandbox, listing the addresses to verify until production access', () => {
    const sandbox = sesFindings('privacy@kiara.example', ['team@kiara.example', 'dpo@host.example'], {
      verification: { 'kiara.example': 'Success', 'dpo@host.example': 'Pending' },
      max24HourSend: 200,
    });
    expect(levels(sandbox)).toEqual(['ok', 'blocking']);
    expect(text(sandbox)).toMatch(/sandbox.*Request production access.*verify the addresses the stack emails: dpo@host\.example\.$/s);

    const unverified = sesFindings('privacy@kiara.example', [], { verification: { 'privacy@kiara.example': 'Pending' }, max24HourSend: 50_000 });
    expect(levels(unverified)).toEqual(['blocking', 'ok']);
    expect(text(unverified)).toMatch(/sender privacy@kiara\.example is not verified/);
    expect(text(unverified)).toMatch(/out of the sandbox/);
  });
});
