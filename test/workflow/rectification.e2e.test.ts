import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECIPIENTS } from '../../functions/core/inventory/index.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journey } from './journey.js';
import { startEmbedded, type DsrTarget, type Mail } from './target.js';

const [ada] = DEMO_USERS as [typeof DEMO_USERS[0]];

/**
 * Rectification that changes data (Art. 16) and tells the recipients (Art. 19): the team
 * corrects Ada's email address and display name through the review; the account store's
 * connector writes them, only over the old values. Embedded: the recipient contacts are a
 * stack setting of this runtime, and the test reads the account store itself.
 */
const CONTACTS = { hosting: 'privacy@hosting.example', email: 'dpo@mail-provider.example' };
const NEW_EMAIL = 'Ada.Lovelace@Example.org';

let target: DsrTarget;
let flow: ReturnType<typeof journey>;

beforeAll(async () => {
  target = await startEmbedded({ stackProps: { recipientContacts: CONTACTS } });
  flow = journey(target);
});
afterAll(async () => target?.stop());

const accountTable = () => target.resources.storeTables.account!;
const profile = async () =>
  (await documentClient().send(new GetCommand({ TableName: accountTable(), Key: { accountId: ada.accountId, sk: 'profile' }, ConsistentRead: true }))).Item!;
const noticesTo = (mails: Mail[], requestId: string, address: string) =>
  mails.filter((mail) => mail.to.includes(address) && mail.subject.includes(requestId));

describe.sequential('rectification of the email address through the review', () => {
  let requestId: string;
  const email = { storeId: 'account', field: 'email', from: ada.email, to: NEW_EMAIL };
  const name = { storeId: 'account', field: 'displayName', from: ada.displayName, to: 'Ada King' };
  const decide = (rectify: unknown[]) =>
    flow.api.admin(`/requests/${requestId}/decide`, 'POST', {
      rights: { rectification: { decision: 'grant' } },
      outcome: 'We corrected the email address and the display name of your account.',
      rectify,
    });

  it('refuses a correction whose old value the store no longer holds with 409, changing nothing', async () => {
    requestId = await flow.reachReview({ type: 'rectification', email: ada.email, locale: 'en', details: 'My email address and name are wrong.' });
    const before = await profile();
    const stale = await decide([{ ...email, from: 'someone.else@example.com' }, name]);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('rectification_stale');
    expect(await profile()).toEqual(before);
    expect((await flow.detail(requestId)).pendingStep).toBe('review');
  });

  it('writes the corrections in the account store, the normalised address following the email', async () => {
    const decided = await decide([email, name]);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(await profile()).toMatchObject({ email: NEW_EMAIL, emailNormalized: 'ada.lovelace@example.org', displayName: 'Ada King' });
    // Kiara's services find the account by its new address, in any case.
    const found = await documentClient().send(
      new QueryCommand({
        TableName: accountTable(),
        IndexName: 'byEmailNormalized',
        KeyConditionExpression: 'emailNormalized = :e',
        ExpressionAttributeValues: { ':e': 'ada.lovelace@example.org' },
      }),
    );
    expect(found.Items?.map((item) => item.accountId)).toEqual([ada.accountId]);
    await flow.waitForStatus(requestId, 'completed');
  });

  it('sends each recipient of the account store with a contact one Art. 19 notice, naming the account by its id only', async () => {
    const mails = await target.mail();
    for (const address of [CONTACTS.hosting, CONTACTS.email]) {
      const notices = noticesTo(mails, requestId, address);
      expect(notices, address).toHaveLength(1);
      const [notice] = notices as [Mail];
      expect(notice.subject).toBe(`Rectification notice under Art. 19 GDPR: Kiara request ${requestId}`);
      expect(notice.text).toContain(ada.accountId);
      expect(notice.text).toContain('Email address');
      expect(`${notice.subject}\n${notice.text}`).not.toMatch(/ada@example\.com|Ada\.Lovelace@Example\.org|Ada King/i);
    }
    const events = (await flow.detail(requestId)).audit.filter((event: { type: string }) => event.type === 'art19_notice');
    expect(events.map((event: { details: { recipientId: string; notice: string } }) => [event.details.recipientId, event.details.notice]).sort()).toEqual([
      ['email', 'rectification'],
      ['hosting', 'rectification'],
    ]);
  });

  it('tells the person what changed (the name old → new, the address not repeated) and who was informed', async () => {
    const reply = (await target.mail()).find((mail) => mail.to.includes(ada.email) && /Action taken/.test(mail.subject) && mail.subject.includes(requestId))!;
    expect(reply).toBeDefined();
    expect(reply.text).toContain(`Display name: ${ada.displayName} → Ada King`);
    expect(reply.text).toMatch(/Email address: corrected/);
    expect(reply.text).not.toContain(NEW_EMAIL);
    expect(reply.text).toContain('Art. 19 GDPR');
    expect(reply.text).toContain(`${RECIPIENTS.hosting.name} (${RECIPIENTS.hosting.category.en})`);
    expect(reply.text).toContain(`${RECIPIENTS.email.name} (${RECIPIENTS.email.category.en})`);
    expect(reply.text).not.toContain(RECIPIENTS.payments.category.en);
  });
});
