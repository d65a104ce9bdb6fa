/**
 * `npm run preflight -- -c key=value …`: checks, before `cdk deploy` with the same `-c`
 * settings, what can be checked without deploying, and prints what is missing in plain words.
 * Offline: the settings (as the stack reads them). With AWS credentials: the SES sender
 * identity and whether the account is still in the SES sandbox. Exit status 1 when something
 * blocks the deploy or its first request.
 */
import { GetIdentityVerificationAttributesCommand, GetSendQuotaCommand, SESClient } from '@aws-sdk/client-ses';
import { readFileSync } from 'node:fs';
import { contextFrom, formatFindings, mailOf, sesFindings, settingsFindings, type Context, type Finding } from '../lib/preflight.js';

async function sesChecks(context: Context): Promise<Finding[]> {
  const { sender, recipients } = mailOf(context);
  const identities = [...new Set([sender, ...recipients].flatMap((address) => [address, address.slice(address.lastIndexOf('@') + 1)]))];
  // The region as the CDK CLI finds it too: AWS_REGION, else the profile's.
  const ses = new SESClient({});
  try {
    const region = await ses.config.region();
    const [attributes, quota] = await Promise.all([
      ses.send(new GetIdentityVerificationAttributesCommand({ Identities: identities })),
      ses.send(new GetSendQuotaCommand({})),
    ]);
    const verification = Object.fromEntries(Object.entries(attributes.VerificationAttributes ?? {}).map(([identity, value]) => [identity, value.VerificationStatus]));
    return [{ level: 'ok', text: `Region ${region}.` }, ...sesFindings(sender, recipients, { verification, max24HourSend: quota.Max24HourSend ?? 0 })];
  } catch (error) {
    const name = (error as Error).name;
    if (/region is missing/i.test((error as Error).message)) {
      return [{ level: 'warning', text: 'No region: set AWS_REGION (or a region in the AWS profile) to the region to deploy to; SES was not checked (its identities are per region).' }];
    }
    if (name === 'CredentialsProviderError' || name === 'ExpiredTokenException' || name === 'UnrecognizedClientException') {
      return [{ level: 'warning', text: `No usable AWS credentials (${name}): the SES sender and sandbox were not checked. Set AWS_PROFILE (or the AWS_* variables) and run again.` }];
    }
    return [{ level: 'warning', text: `SES could not be asked (${name}: ${(error as Error).message}); the sender and sandbox were not checked.` }];
  } finally {
    ses.destroy();
  }
}

// npm runs scripts in the package root; paths in the settings (existingStoresFile=…) are
// relative to where the user ran the command, as for `cdk deploy`.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const cdkJson = JSON.parse(readFileSync('cdk.json', 'utf8')) as { context?: Context };
const context = contextFrom(cdkJson.context ?? {}, process.argv.slice(2));
const settings = settingsFindings(context);
const findings = settings.some((finding) => finding.level === 'blocking') ? settings : [...settings, ...(await sesChecks(context))];
process.stdout.write(`Preflight for cdk deploy with these settings:\n${formatFindings(findings)}\n`);
process.exitCode = findings.some((finding) => finding.level === 'blocking') ? 1 : 0;
