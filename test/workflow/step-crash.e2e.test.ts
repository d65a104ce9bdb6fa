import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createTransport } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { DEFAULT_PRIVACY_ADDRESS } from '../../lib/constructs/privacy-mailbox.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';
import { eventually, startEmbedded } from './target.js';

/**
 * A workflow step whose Lambda dies (a crash or a timeout, injected by the local runtime
 * right after one of its AWS calls succeeded) is retried by Step Functions: the request
 * goes on, and the email of the step goes out once.
 */
const [ada, bram] = DEMO_USERS as [typeof DEMO_USERS[0], typeof DEMO_USERS[0]];
const crashed = new Set<string>();
/** Corrections the admin API wrote in the account store (succeeded conditional updates). */
let correctionWrites = 0;
const CONTACTS = { hosting: 'privacy@hosting.example', email: 'dpo@mail-provider.example' };
/** The one-time crashes of a test's own call, armed by that test. */
const armed = new Set<string>();

/** Sends a real SMTP mail to the privacy address, as the mail-intake test does. */
async function mailPrivacyAddress(mail: { from: string; subject: string; text: string }) {
  const smtp = createTransport({ host: '127.0.0.1', port: session.target.local!.smtpPort, secure: false, ignoreTLS: true });
  try {
    await smtp.sendMail({ to: DEFAULT_PRIVACY_ADDRESS, ...mail });
  } finally {
    smtp.close();
  }
}

const session = journeyOn(() => startEmbedded({
  // The step's retries run without their production backoff, so the test is quick.
  retryIntervalOverrides: { Acknowledge: 0 },
  stackProps: { recipientContacts: CONTACTS },
  crashAfter: ({ functionLogicalId, operation, input }) => {
    // Once: the review's decide dies right after its conditional write of a correction.
    if (functionLogicalId.includes('Admin') && operation === 'UpdateItem' && input.Key?.sk?.S === 'profile') {
      correctionWrites += 1;
      if (crashed.has('rectify')) return false;
      crashed.add('rectify');
      return true;
    }
    // Once: the identity link's POST dies right after it decided the identity step.
    if (functionLogicalId.includes('Identity') && operation === 'UpdateItem' && input.Key?.sk?.S === 'STEP#verify_identity') {
      if (!armed.has('identity') || crashed.has('identity')) return false;
      crashed.add('identity');
      return true;
    }
    // Once: the triage's POST dies right after it decided the triage step.
    if (functionLogicalId.includes('Admin') && operation === 'UpdateItem' && input.Key?.sk?.S === 'STEP#triage') {
      if (!armed.has('triage') || crashed.has('triage')) return false;
      crashed.add('triage');
      return true;
    }
    // Once per request: Acknowledge dies right after it read the request.
    const requestPk = operation === 'GetItem' && functionLogicalId.includes('Acknowledge') ? String(input.Key?.pk?.S) : undefined;
    if (!requestPk || crashed.has(requestPk)) return false;
    crashed.add(requestPk);
    return true;
  },
}));

describe('a workflow step whose Lambda crashes (crash injection)', () => {
  it('is retried: the acknowledgement goes out once and the request waits for the identity check', async () => {
    const requestId = await session.flow.submit({ type: 'access', email: ada.email, locale: 'en' });
    await session.flow.identityLink(requestId, ada.email);
    await session.flow.waitForStatus(requestId, 'awaiting_identity');
    expect(crashed.has(`REQ#${requestId}`)).toBe(true);
    expect(session.flow.countBy(await session.flow.mailsFor(requestId), /received your privacy request/)).toBe(1);
    const { executions } = session.target.local!.runtime.stepFunctions.listExecutions({ stateMachineArn: session.target.resources.workflowArn });
    const execution = executions.find((item) => item.name === requestId);
    expect(execution?.status).toBe('RUNNING');
  });

  it('is a lost decision no more: the identity link’s POST that died after deciding the step is repeated, and the request goes on', async () => {
    const email = 'died-confirming@example.org';
    const requestId = await session.flow.submit({ type: 'access', email, locale: 'en' });
    const link = (await session.flow.identityLink(requestId, email)).slice(session.target.apiUrl.length);
    armed.add('identity');
    expect((await session.flow.api.call(link, { method: 'POST' })).status).toBe(502);
    expect(crashed.has('identity')).toBe(true);

    const again = await session.flow.api.call(link, { method: 'POST' });
    expect(again.status).toBe(200);
    await session.flow.waitForStatus(requestId, 'completed_no_data');
    const audit = (await session.flow.detail(requestId)).audit.map((event: { type: string }) => event.type);
    expect(audit.filter((type: string) => type === 'decision')).toHaveLength(1);
    expect(audit.filter((type: string) => type === 'identity_verified')).toHaveLength(1);
    expect((await session.flow.api.call(link, { method: 'POST' })).status).toBe(409);
  });

  it('finishes a decide that died after writing its correction: repeated, it writes nothing again and the request goes on with one notice per recipient', async () => {
    const { flow, target } = session;
    const requestId = await flow.reachReview({ type: 'rectification', email: bram.email, locale: 'en', details: 'My name is wrong.' });
    const profile = async () =>
      (await documentClient().send(new GetCommand({ TableName: target.resources.storeTables.account!, Key: { accountId: bram.accountId, sk: 'profile' }, ConsistentRead: true }))).Item!;
    const decide = (to: string) =>
      flow.api.admin(`/requests/${requestId}/decide`, 'POST', {
        rights: { rectification: { decision: 'grant' } },
        outcome: 'We corrected the display name of your account.',
        rectify: [{ storeId: 'account', field: 'displayName', from: bram.displayName, to }],
      });

    expect((await decide('Bram de Vries-Jansen')).status).toBe(502);
    expect(crashed.has('rectify')).toBe(true);
    expect((await profile()).displayName).toBe('Bram de Vries-Jansen');
    expect((await flow.detail(requestId)).pendingStep).toBe('review');

    // Another value over the one written is stale, as before: nothing changes.
    const other = await decide('Someone Else');
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('rectification_stale');
    expect((await profile()).displayName).toBe('Bram de Vries-Jansen');

    const again = await decide('Bram de Vries-Jansen');
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    await flow.waitForStatus(requestId, 'completed');
    const detail = await flow.detail(requestId);
    const events = detail.audit as { type: string; details?: { step?: string } }[];
    expect(events.filter((event) => event.type === 'decision' && event.details?.step === 'review')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'rectification_applied')).toHaveLength(1);
    expect(correctionWrites).toBe(1);
    const mails = await flow.mailsFor(requestId);
    for (const address of Object.values(CONTACTS)) {
      expect(mails.filter((mail) => mail.to.includes(address) && mail.subject.startsWith('Rectification notice')), address).toHaveLength(1);
    }
    const replies = mails.filter((mail) => mail.to.includes(bram.email) && /Action taken on your privacy request/.test(mail.subject));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain(`Display name: ${bram.displayName} → Bram de Vries-Jansen`);
  });

  it('is a lost triage no more: the triage POST that died after deciding the step is repeated, and the request goes on; other rights are 409', async () => {
    const email = 'died-triaging@example.org';
    await mailPrivacyAddress({ from: email, subject: 'Mijn gegevens', text: 'Stuur mij een kopie van mijn gegevens.' });
    const { requestId } = await eventually(
      async () => (await session.flow.api.admin('/requests?status=open&limit=100')).body.items.find((item: { channel: string }) => item.channel === 'email'),
      'the mail filed as a request',
    );
    await session.flow.identityLink(requestId, email);
    await session.flow.confirmIdentity(requestId, email);
    await session.flow.waitFor(requestId, (request) => request.pendingStep === 'triage', 'pending triage');
    const path = `/requests/${requestId}/triage`;
    armed.add('triage');
    expect((await session.flow.api.admin(path, 'POST', { types: ['access'] })).status).toBe(502);
    expect(crashed.has('triage')).toBe(true);

    expect((await session.flow.api.admin(path, 'POST', { types: ['erasure'] })).status).toBe(409);
    expect((await session.flow.api.admin(path, 'POST', { types: ['access'] })).status).toBe(200);
    // The workflow went on: nobody of that address has an account.
    const answered = await session.flow.waitForStatus(requestId, 'completed_no_data');
    expect(answered).toMatchObject({ types: ['access'], triage: { types: ['access'] } });
    expect(answered.audit.filter((event: { type: string; details?: { step?: string } }) => event.type === 'decision' && event.details?.step === 'triage')).toHaveLength(1);
    expect((await session.flow.api.admin(path, 'POST', { types: ['access'] })).status).toBe(409);
  });
});
