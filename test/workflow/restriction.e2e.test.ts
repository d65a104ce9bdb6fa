import { GetObjectCommand, GetObjectTaggingCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECIPIENTS, STORES } from '../../functions/core/inventory/index.js';
import { executionArnOf } from '../../functions/core/request/executions.js';
import { RESTRICTION_ATTRIBUTE, RESTRICTION_TAG, restrictedHoldPrefix } from '../../functions/core/restriction/marks.js';
import { documentClient, s3Client } from '../../functions/shared/aws-clients.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journey } from './journey.js';
import { onLocalStack, startEmbedded, type DsrTarget, type Mail } from './target.js';

const [ada] = DEMO_USERS as [typeof DEMO_USERS[0]];
const DAY_MS = 86_400_000;
const MEDIA_PAGE_SIZE = 2;
const CONTACTS = { hosting: 'privacy@hosting.example', email: 'dpo@mail-provider.example' };

/**
 * Restriction as a state (Art. 18): the approved restriction marks the data where Kiara's
 * services read it, holds what would age out past its TTL and lifecycle, notifies the
 * recipients (Art. 19), and is lifted only after the person is told (Art. 18(3)).
 * Embedded only: it moves the runtime's expiry clock and sweeps TTL and lifecycle.
 */
let target: DsrTarget;
let flow: ReturnType<typeof journey>;

beforeAll(async () => {
  // Two media objects per Restrict invocation: Ada's files take several pages.
  target = await startEmbedded({ expirySweepMs: 0, stackProps: { recipientContacts: CONTACTS, restrictionMediaPageSize: MEDIA_PAGE_SIZE } });
  flow = journey(target);
});
afterAll(async () => target?.stop());

const accountItem = async () =>
  (await documentClient().send(new GetCommand({ TableName: target.resources.storeTables.account!, Key: { accountId: ada.accountId, sk: 'profile' } }))).Item!;
const usageLogs = async () =>
  (
    await documentClient().send(
      new QueryCommand({
        TableName: target.resources.storeTables['usage-logs']!,
        KeyConditionExpression: 'accountId = :id',
        ExpressionAttributeValues: { ':id': ada.accountId },
      }),
    )
  ).Items ?? [];
const keysUnder = async (bucket: string, prefix: string) =>
  ((await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((object) => object.Key!);
const mediaTags = async () =>
  Promise.all(
    (await keysUnder(target.resources.mediaBucket, `accounts/${ada.accountId}/`)).map(
      async (Key) => (await s3Client().send(new GetObjectTaggingCommand({ Bucket: target.resources.mediaBucket, Key }))).TagSet ?? [],
    ),
  );
const heldText = async (requestId: string) => {
  const keys = await keysUnder(target.resources.exportBucket, restrictedHoldPrefix(requestId));
  const parts = keys.filter((key) => key.includes('usage-logs/') && key.endsWith('.jsonl'));
  const texts = await Promise.all(
    parts.map(async (Key) => (await s3Client().send(new GetObjectCommand({ Bucket: target.resources.exportBucket, Key }))).Body!.transformToString()),
  );
  return { keys, usageLogs: texts.join('\n') };
};
/** Items of the held copy per store, counted from its JSON Lines parts (`<store>/part-*.jsonl`). */
const heldCounts = async (requestId: string) => {
  const prefix = restrictedHoldPrefix(requestId);
  const counts: Record<string, number> = {};
  for (const Key of (await keysUnder(target.resources.exportBucket, prefix)).filter((key) => /\/part-\d+\.jsonl$/.test(key))) {
    const text = await (await s3Client().send(new GetObjectCommand({ Bucket: target.resources.exportBucket, Key }))).Body!.transformToString();
    const storeId = Key.slice(prefix.length).split('/')[0]!;
    counts[storeId] = (counts[storeId] ?? 0) + text.split('\n').filter((line) => line.trim() !== '').length;
  }
  return counts;
};
const eventsOf = (request: any, type: string) =>
  (request.audit as { type: string; at: string; details?: Record<string, unknown> }[]).filter((event) => event.type === type);

describe.skipIf(onLocalStack).sequential('an approved restriction', () => {
  let requestId: string;
  let mails: Mail[];

  it('completes with the team’s statement', async () => {
    await documentClient().send(
      new PutCommand({
        TableName: target.resources.storeTables['usage-logs']!,
        Item: { accountId: ada.accountId, sk: 'log#due-while-restricted', method: 'GET', path: '/v1/models', status: 200, expiresAt: Math.floor((Date.now() + 2 * DAY_MS) / 1000) },
      }),
    );
    requestId = await flow.reachReview({ type: 'restriction', email: ada.email, locale: 'en' });
    const approved = await flow.api.admin(`/requests/${requestId}/approve`, 'POST', { outcome: 'We restricted your data while you contest its accuracy.' });
    expect(approved.status).toBe(200);
    await flow.waitForStatus(requestId, 'completed');
    mails = await target.mail();
  });

  it('marks the account item and every media object, where Kiara’s services read it', async () => {
    expect((await accountItem())[RESTRICTION_ATTRIBUTE]).toMatchObject({ requestId });
    const tags = await mediaTags();
    expect(tags.length).toBeGreaterThan(0);
    for (const tagSet of tags) expect(tagSet).toContainEqual({ Key: RESTRICTION_TAG, Value: requestId });
  });

  it('tags the media and then copies the hold a page an invocation, the workflow looping on the step’s cursor', async () => {
    const media = (await mediaTags()).length;
    expect(media).toBeGreaterThan(MEDIA_PAGE_SIZE);
    const listed = await flow.api.admin('/restrictions');
    const restriction = listed.body.items.find((item: { requestId: string }) => item.requestId === requestId);
    expect(restriction?.taggedFiles).toBe(media);
    const held = restriction!.heldFiles as number;
    expect(held).toBeGreaterThan(MEDIA_PAGE_SIZE);
    expect(await keysUnder(target.resources.exportBucket, restrictedHoldPrefix(requestId))).toHaveLength(held);
    const { stepFunctions } = target.local!.runtime;
    const { events } = stepFunctions.getExecutionHistory(executionArnOf(target.resources.workflowArn, requestId), { maxResults: 1000 });
    const restricts = events.filter((event) => event.type === 'TaskStateEntered' && (event.stateEnteredEventDetails as { name: string }).name === 'Restrict');
    // The invocation that tags the last media page copies the hold's first page.
    expect(restricts).toHaveLength(Math.ceil(media / MEDIA_PAGE_SIZE) + Math.ceil(held / MEDIA_PAGE_SIZE) - 1);
  });

  it('notifies each recipient with a contact once, by account id and never the address', () => {
    for (const address of Object.values(CONTACTS)) {
      const notices = mails.filter((mail) => mail.to.includes(address) && mail.subject.includes(requestId));
      expect(notices, address).toHaveLength(1);
      expect(notices[0]!.subject).toBe(`Restriction notice under Art. 19 GDPR: Kiara request ${requestId}`);
      expect(notices[0]!.text).toContain(ada.accountId);
      expect(notices[0]!.text).not.toContain(ada.email);
    }
  });

  it('replies with what is in place: the data by category, the marks, the held copy until the lift, the recipients notified', async () => {
    const replies = mails.filter((mail) => mail.to.includes(ada.email) && mail.subject.startsWith('Action taken on your privacy request'));
    expect(replies).toHaveLength(1);
    const text = replies[0]!.text.replace(/\s+/g, ' ');
    // The account's mark covers every store: each is named by its categories, no values.
    for (const store of STORES) expect(text.toLowerCase()).toContain(`${store.title.en}: ${store.categories.en}`.toLowerCase());
    expect(text).not.toContain(ada.displayName);
    expect(text).toContain('Your account carries a restriction mark');
    const tagged = (await mediaTags()).filter((tags) => tags.some((tag) => tag.Key === RESTRICTION_TAG && tag.Value === requestId)).length;
    expect(tagged).toBeGreaterThan(0);
    expect(text).toContain(`We also marked each of your files as restricted (${tagged} files).`);
    // The held copy, store by store, as counted in the copy itself, kept until the lift.
    const held = await heldCounts(requestId);
    expect(held['usage-logs']).toBeGreaterThan(0);
    for (const [storeId, count] of Object.entries(held)) {
      const store = STORES.find((candidate) => candidate.id === storeId)!;
      expect(text).toContain(`${store.title.en}: ${count} ${store.location.kind === 's3' ? 'file' : 'item'}${count === 1 ? '' : 's'} (normally kept:`);
    }
    for (const store of STORES.filter((candidate) => !held[candidate.id])) expect(text).not.toContain(`${store.title.en}: 0 `);
    expect(text).toContain('we keep an encrypted copy of it until we lift the restriction');
    expect(text).toContain('When we lift the restriction, we delete this copy');
    expect(text).toContain('We will tell you before the restriction is lifted (Art. 18(3) GDPR)');
    // Art. 19: named are exactly the recipients whose notice went out (those with a contact).
    const noticesTo = (address: string) => mails.some((mail) => mail.to.includes(address) && mail.subject.startsWith('Restriction notice'));
    expect(noticesTo(CONTACTS.hosting) && noticesTo(CONTACTS.email)).toBe(true);
    expect(text).toContain('We have notified the recipients of your data of the restriction (Art. 19 GDPR):');
    for (const recipient of [RECIPIENTS.hosting, RECIPIENTS.email]) expect(text).toContain(`${recipient.name} (${recipient.category.en})`);
    for (const recipient of [RECIPIENTS.payments, RECIPIENTS.aiCompute]) expect(text).not.toContain(recipient.name);
  });

  it('lists it in the admin API as active', async () => {
    const listed = await flow.api.admin('/restrictions');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ requestId, accountId: ada.accountId, status: 'active' }));
  });

  it('holds the data that ages out past its TTL and past the work area’s lifecycle while restricted', async () => {
    expect((await heldText(requestId)).usageLogs).toContain('log#due-while-restricted');
    // 200 days: past the usage logs' TTL, the media's 90 days and work/'s 120.
    target.local!.runtime.expiry.advance(200 * DAY_MS);
    await target.local!.runtime.expiry.sweep();
    expect(await usageLogs()).toHaveLength(0);
    expect(await keysUnder(target.resources.mediaBucket, `accounts/${ada.accountId}/`)).toEqual([]);
    const held = await heldText(requestId);
    expect(held.usageLogs).toContain('log#due-while-restricted');
    expect(held.keys.some((key) => key.includes('media/files/'))).toBe(true);
    expect((await accountItem())[RESTRICTION_ATTRIBUTE]).toMatchObject({ requestId });
  });

  it('refuses a lift without a reason, and nothing changes', async () => {
    const refused = await flow.api.admin(`/restrictions/${requestId}/lift`, 'POST', {});
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect((await accountItem())[RESTRICTION_ATTRIBUTE]).toMatchObject({ requestId });
  });

  it('is lifted after the person is told: the notice first, then the marks and the held copy go', async () => {
    const lifted = await flow.api.admin(`/restrictions/${requestId}/lift`, 'POST', { reason: 'The accuracy was verified with the person.' });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    const notice = (await flow.mailsFor(requestId)).filter((mail) => mail.to.includes(ada.email) && /lifting the restriction/i.test(mail.subject));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text).toContain('Art. 18(3) GDPR');

    const request = await flow.detail(requestId);
    const sent = request.audit.findIndex((event: any) => event.type === 'email_sent' && event.details?.kind === 'restriction_lifted');
    const liftedAt = request.audit.findIndex((event: any) => event.type === 'restriction_lifted');
    expect(sent).toBeGreaterThanOrEqual(0);
    expect(liftedAt).toBeGreaterThan(sent);
    expect(eventsOf(request, 'restriction_lifted')[0]!.details).toMatchObject({ reason: 'The accuracy was verified with the person.' });

    expect((await accountItem())[RESTRICTION_ATTRIBUTE]).toBeUndefined();
    // Expiry resumes: nothing of the held copy outlives the lift.
    expect((await heldText(requestId)).keys).toEqual([]);
    const listed = await flow.api.admin('/restrictions');
    expect(listed.body.items.map((item: { requestId: string }) => item.requestId)).not.toContain(requestId);
  });

  it('answers a second lift with 409 and sends nothing more', async () => {
    const again = await flow.api.admin(`/restrictions/${requestId}/lift`, 'POST', { reason: 'again' });
    expect(again.status).toBe(409);
    expect((await flow.mailsFor(requestId)).filter((mail) => /lifting the restriction/i.test(mail.subject))).toHaveLength(1);
  });
});
