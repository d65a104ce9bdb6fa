import { GetObjectCommand, GetObjectTaggingCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECIPIENTS, STORES } from '../../functions/core/inventory/index.js';
import { executionArnOf } from '../../functions/core/request/executions.js';
import { liftExecutionName } from '../../functions/core/restriction/lift.js';
import { RESTRICTION_ATTRIBUTE, RESTRICTION_TAG, restrictedHoldPrefix } from '../../functions/core/restriction/marks.js';
import { documentClient, s3Client } from '../../functions/shared/aws-clients.js';
import { RESTRICTION_LIFT_STATES } from '../../lib/constructs/restriction-lift.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import type { SucceededCall } from '../../lib/local-runtime/faults/injector.js';
import { invokingFunction, type InvokingFunction } from '../../lib/local-runtime/lambda-host.js';
import { journey } from './journey.js';
import { eventually, onLocalStack, startEmbedded, type DsrTarget, type Mail } from './target.js';

const [ada, bram] = DEMO_USERS as [typeof DEMO_USERS[0], typeof DEMO_USERS[0]];
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
let liftAccountStepDies = false;

beforeAll(async () => {
  // Two media objects per invocation: Ada's and Bram's files take several pages. An
  // invocation that tags more than a page dies, as Lambda's timeout ends one with more work
  // than fits (the page size is the work that fits in one invocation, scaled down).
  const tagged = new WeakMap<InvokingFunction, number>();
  const moreThanAPage = (call: SucceededCall) => {
    const invocation = invokingFunction();
    if (call.operation !== 'PutObjectTagging' || !invocation) return false;
    tagged.set(invocation, (tagged.get(invocation) ?? 0) + 1);
    return tagged.get(invocation)! > MEDIA_PAGE_SIZE;
  };
  // Forced error path: while set, every invocation of the lift's function dies once it unmarked an account item.
  const accountUnmarkDies = (call: SucceededCall) =>
    liftAccountStepDies && call.functionLogicalId.startsWith('RestrictionLiftLifter') && call.operation === 'UpdateItem' && call.input.TableName === target.resources.storeTables.account;
  target = await startEmbedded({
    expirySweepMs: 0,
    stackProps: { recipientContacts: CONTACTS, restrictionMediaPageSize: MEDIA_PAGE_SIZE },
    crashAfter: (call) => moreThanAPage(call) || accountUnmarkDies(call),
    retryIntervalOverrides: { [RESTRICTION_LIFT_STATES.release]: 10 },
  });
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
const mediaTags = async (accountId = ada.accountId) =>
  Promise.all(
    (await keysUnder(target.resources.mediaBucket, `accounts/${accountId}/`)).map(
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
/** Items of the held copy per store, counted from its JSON Lines parts (`<store>/part-<n>-<invocation>.jsonl`). */
const heldCounts = async (requestId: string) => {
  const prefix = restrictedHoldPrefix(requestId);
  const counts: Record<string, number> = {};
  for (const Key of (await keysUnder(target.resources.exportBucket, prefix)).filter((key) => /\/part-\d+-[^/]+\.jsonl$/.test(key))) {
    const text = await (await s3Client().send(new GetObjectCommand({ Bucket: target.resources.exportBucket, Key }))).Body!.transformToString();
    const storeId = Key.slice(prefix.length).split('/')[0]!;
    counts[storeId] = (counts[storeId] ?? 0) + text.split('\n').filter((line) => line.trim() !== '').length;
  }
  return counts;
};
const eventsOf = (request: any, type: string) =>
  (request.audit as { type: string; at: string; details?: Record<string, unknown> }[]).filter((event) => event.type === type);

const liftNoticesOf = async (requestId: string) =>
  (await flow.mailsFor(requestId)).filter((mail) => mail.to.includes(bram.email) && /lifting the restriction/i.test(mail.subject));
const restrictionOf = async (requestId: string) => (await flow.detail(requestId)).restriction;
/** A restriction of Bram's data, approved and in place (`details` tells his requests apart). */
async function restrictBram(details: string) {
  const requestId = await flow.reachReview({ type: 'restriction', email: bram.email, locale: 'en', details });
  expect((await flow.api.admin(`/requests/${requestId}/approve`, 'POST', { outcome: 'We restricted your data while your objection is decided.' })).status).toBe(200);
  await flow.waitForStatus(requestId, 'completed');
  return requestId;
}
/** The lift's executions of a request, oldest first, and the release pages each ran. */
function liftRuns(requestId: string) {
  const { stepFunctions } = target.local!.runtime;
  const machine = stepFunctions.machines.find((candidate) => candidate.logicalId.startsWith('RestrictionLiftStateMachine'))!;
  return stepFunctions
    .listExecutions({ stateMachineArn: machine.arn })
    .executions.filter((execution) => execution.name.startsWith(`${requestId}-`))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((run) => ({
      name: run.name,
      status: run.status,
      pages: stepFunctions
        .getExecutionHistory(run.executionArn, { maxResults: 1000 })
        .events.filter((event) => event.type === 'TaskStateEntered' && (event.stateEnteredEventDetails as { name: string }).name === RESTRICTION_LIFT_STATES.release).length,
    }));
}

describe.skipIf(onLocalStack).sequential('a restriction over more media than one invocation can release', () => {
  let requestId: string;
  const reason = 'Your objection was decided.';
  const liftNotices = () => liftNoticesOf(requestId);

  it('is in place over several media pages', async () => {
    requestId = await restrictBram('I object to the processing.');
    const tags = await mediaTags(bram.accountId);
    expect(tags.length).toBeGreaterThan(2 * MEDIA_PAGE_SIZE);
    for (const tagSet of tags) expect(tagSet).toContainEqual({ Key: RESTRICTION_TAG, Value: requestId });
  });

  it('answers the lift at once as lifting, after the person was told', async () => {
    const lifting = await flow.api.admin(`/restrictions/${requestId}/lift`, 'POST', { reason });
    expect(lifting.status, JSON.stringify(lifting.body)).toBe(202);
    expect(lifting.body).toMatchObject({ requestId, status: 'lifting', lift: { by: expect.any(String), reason } });
    expect(await liftNotices()).toHaveLength(1);
  });

  it('answers a repeated lift with the same state: no second email, no second run', async () => {
    const again = await flow.api.admin(`/restrictions/${requestId}/lift`, 'POST', { reason });
    expect(again.status).toBe(202);
    expect(['lifting', 'lifted']).toContain(again.body.status);
    expect(await liftNotices()).toHaveLength(1);
  });

  it('releases it a page an invocation until every mark and the held copy are gone, then records it lifted once', async () => {
    await eventually(async () => ((await restrictionOf(requestId))?.status === 'lifted' ? true : undefined), 'the restriction lifted', 45_000);
    for (const tagSet of await mediaTags(bram.accountId)) expect(tagSet.map((tag) => tag.Key)).not.toContain(RESTRICTION_TAG);
    const profile = await documentClient().send(new GetCommand({ TableName: target.resources.storeTables.account!, Key: { accountId: bram.accountId, sk: 'profile' } }));
    expect(profile.Item![RESTRICTION_ATTRIBUTE]).toBeUndefined();
    expect(await keysUnder(target.resources.exportBucket, restrictedHoldPrefix(requestId))).toEqual([]);
    const request = await flow.detail(requestId);
    expect(request.restriction).toMatchObject({ status: 'lifted', lifted: { reason } });
    expect(eventsOf(request, 'restriction_lifted')).toHaveLength(1);
    expect(await liftNotices()).toHaveLength(1);
    // One execution for the two lift calls; each media page, the account and the held copy an invocation of their own.
    const pages = Math.ceil((await mediaTags(bram.accountId)).length / MEDIA_PAGE_SIZE) + 2;
    expect(liftRuns(requestId)).toEqual([{ name: liftExecutionName(requestId, 1), status: 'SUCCEEDED', pages }]);
    const listed = await flow.api.admin('/restrictions');
    expect(listed.body.items.map((item: { requestId: string }) => item.requestId)).not.toContain(requestId);
  });
});

describe.skipIf(onLocalStack).sequential('a lift whose release gives up', () => {
  let requestId: string;
  const reason = 'Your objection was decided.';

  it('records where it stopped for the team, stays lifting, and fails its execution after the retries (forced error path)', async () => {
    requestId = await restrictBram('I contest the accuracy of my data.');
    liftAccountStepDies = true;
    try {
      expect((await flow.api.admin(`/restrictions/${requestId}/lift`, 'POST', { reason })).status).toBe(202);
      await eventually(async () => (await restrictionOf(requestId))?.liftFailed, 'the failed lift recorded', 45_000);
    } finally {
      liftAccountStepDies = false;
    }
    const request = await flow.detail(requestId);
    expect(request.restriction).toMatchObject({ status: 'lifting', liftFailed: { error: 'Runtime.ExitError' } });
    expect(eventsOf(request, 'restriction_lift_failed')).toEqual([expect.objectContaining({ details: { error: 'Runtime.ExitError', run: 1 } })]);
    expect(eventsOf(request, 'restriction_lifted')).toEqual([]);
    // The media were released before it stopped; the account still carries the mark.
    for (const tagSet of await mediaTags(bram.accountId)) expect(tagSet.map((tag) => tag.Key)).not.toContain(RESTRICTION_TAG);
    const listed = await flow.api.admin('/restrictions');
    expect(listed.body.items).toContainEqual(expect.objectContaining({ requestId, status: 'lifting', liftFailed: expect.objectContaining({ error: 'Runtime.ExitError' }) }));
    await eventually(async () => (liftRuns(requestId)[0]?.status === 'FAILED' ? true : undefined), 'the run failed');
  });

  it('is resumed by a repeated lift from where it stopped, without a second email, and ends lifted', async () => {
    const resumed = await flow.api.admin(`/restrictions/${requestId}/lift`, 'POST', { reason });
    expect(resumed.status).toBe(202);
    expect(resumed.body).toMatchObject({ status: 'lifting', lift: { run: 2 } });
    expect(resumed.body.liftFailed).toBeUndefined();
    await eventually(async () => ((await restrictionOf(requestId))?.status === 'lifted' ? true : undefined), 'the restriction lifted', 45_000);
    const profile = await documentClient().send(new GetCommand({ TableName: target.resources.storeTables.account!, Key: { accountId: bram.accountId, sk: 'profile' } }));
    expect(profile.Item![RESTRICTION_ATTRIBUTE]).toBeUndefined();
    expect(await keysUnder(target.resources.exportBucket, restrictedHoldPrefix(requestId))).toEqual([]);
    // The second run started at the account: the account's items, then the held copy.
    expect(liftRuns(requestId).map((run) => [run.name, run.status, run.pages])).toEqual([
      [liftExecutionName(requestId, 1), 'FAILED', expect.any(Number)],
      [liftExecutionName(requestId, 2), 'SUCCEEDED', 2],
    ]);
    expect(await liftNoticesOf(requestId)).toHaveLength(1);
    expect(eventsOf(await flow.detail(requestId), 'restriction_lifted')).toHaveLength(1);
  });
});

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
    const lifting = await flow.api.admin(`/restrictions/${requestId}/lift`, 'POST', { reason: 'The accuracy was verified with the person.' });
    expect(lifting.status, JSON.stringify(lifting.body)).toBe(202);
    await eventually(async () => ((await flow.detail(requestId)).restriction?.status === 'lifted' ? true : undefined), 'the restriction lifted', 45_000);
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
