import { App, Stack } from 'aws-cdk-lib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryRequestsRepo } from '../../../../functions/shared/in-memory-requests-repo.js';
import { RequestNotFoundError, type RequestsRepo } from '../../../../functions/shared/ports/requests-repo.js';
import { DynamoRequestsRepo } from '../../../../functions/shared/requests-repo.js';
import { RequestStore } from '../../../../lib/constructs/request-store.js';
import { startLocalAws } from '../../../../lib/demo/local-aws.js';
import { createResolver } from '../../../../lib/local-runtime/intrinsics.js';
import { createNaming } from '../../../../lib/local-runtime/naming.js';
import { provision } from '../../../../lib/local-runtime/provision.js';
import type { CfnTemplate } from '../../../../lib/local-runtime/template.js';
import { aRequest } from '../request-record.js';

/**
 * One suite, two implementations: the in-memory repository the use-case tests run on
 * must answer as the DynamoDB one does on the table the stack deploys (its indexes
 * included), above all where writes race and a condition decides.
 */
let stop: (() => Promise<void>) | undefined;
let tables = 0;

/** A fresh requests table, as RequestStore declares it, on the DynamoDB emulator. */
async function dynamoRepo(): Promise<RequestsRepo> {
  if (!stop) {
    const emulators = await startLocalAws();
    stop = () => emulators.stop();
  }
  const app = new App();
  const stack = new Stack(app, 'RepoTest');
  new RequestStore(stack, 'Store', { retainOnDelete: false });
  const template = app.synth().getStackByName('RepoTest').template as CfnTemplate;
  const naming = createNaming(template, `repo${++tables}`, 'eu-west-1');
  await provision(template, naming, createResolver(template, naming), { dynamodb: new DynamoDBClient({}), s3: new S3Client({ forcePathStyle: true }) });
  const tableId = Object.keys(template.Resources).find((id) => template.Resources[id]!.Type === 'AWS::DynamoDB::Table')!;
  return new DynamoRequestsRepo(naming.name(tableId));
}

afterAll(async () => stop?.());

describe.each([
  ['in memory', async (): Promise<RequestsRepo> => new InMemoryRequestsRepo()],
  ['on DynamoDB', dynamoRepo],
])('RequestsRepo %s', (_name, fresh) => {
  let repo: RequestsRepo;
  beforeAll(async () => {
    repo = await fresh();
  });

  it('creates a request once; a second create with its id fails and changes nothing', async () => {
    expect(await repo.create(aRequest({ requestId: 'dsr_create' }))).toBe(true);
    expect(await repo.create(aRequest({ requestId: 'dsr_create', contactEmail: 'other@example.com' }))).toBe(false);
    expect(await repo.get('dsr_create')).toMatchObject({ requestId: 'dsr_create', contactEmail: 'jane@example.com' });
  });

  it('finds nothing, and gets RequestNotFoundError, for a request not stored; updating one fails alike', async () => {
    expect(await repo.find('dsr_absent')).toBeUndefined();
    await expect(repo.get('dsr_absent')).rejects.toBeInstanceOf(RequestNotFoundError);
    await expect(repo.update('dsr_absent', { status: 'completed' })).rejects.toBeInstanceOf(RequestNotFoundError);
  });

  it('updates and removes attributes, stamping updatedAt', async () => {
    await repo.create(aRequest({ requestId: 'dsr_update', pendingStep: 'review' }));
    const written = await repo.update('dsr_update', { status: 'completed', closedAt: '2026-06-20T10:00:00.000Z' }, ['pendingStep']);
    const stored = await repo.get('dsr_update');
    expect(stored).toEqual(written);
    expect(stored).toMatchObject({ status: 'completed', closedAt: '2026-06-20T10:00:00.000Z' });
    expect(stored.pendingStep).toBeUndefined();
    expect(stored.updatedAt > stored.createdAt).toBe(true);
  });

  it('writes a guarded update once: while the guard is set it answers undefined and changes nothing', async () => {
    await repo.create(aRequest({ requestId: 'dsr_guard' }));
    const extension = { reason: 'complex', extendedBy: 'alice', extendedAt: '2026-06-16T10:00:00.000Z' };
    expect(await repo.updateUnlessSet('dsr_guard', 'extension', { extension })).toMatchObject({ extension });
    expect(await repo.updateUnlessSet('dsr_guard', 'extension', { extension: { ...extension, extendedBy: 'bob' } })).toBeUndefined();
    expect((await repo.get('dsr_guard')).extension).toEqual(extension);
  });

  it('lets one of two concurrent guarded updates win, keeping the attributes of both plain updates', async () => {
    await repo.create(aRequest({ requestId: 'dsr_race' }));
    const triage = (decidedBy: string) => ({ triage: { types: ['access' as const], decidedBy, decidedAt: '2026-06-16T10:00:00.000Z' } });
    const written = await Promise.all([repo.updateUnlessSet('dsr_race', 'triage', triage('alice')), repo.updateUnlessSet('dsr_race', 'triage', triage('bob'))]);
    expect(written.filter(Boolean)).toHaveLength(1);
    expect((await repo.get('dsr_race')).triage).toEqual(written.find(Boolean)!.triage);
    await Promise.all([repo.update('dsr_race', { heldAt: '2026-06-17T10:00:00.000Z' }), repo.update('dsr_race', { pendingStep: 'review' })]);
    expect(await repo.get('dsr_race')).toMatchObject({ heldAt: '2026-06-17T10:00:00.000Z', pendingStep: 'review' });
  });

  it('resolves a pending step exactly once; a step never registered cannot be resolved', async () => {
    await repo.openStep({ requestId: 'dsr_step', step: 'review', stepKey: 'review', status: 'pending', taskToken: 't', createdAt: '2026-06-15T10:00:00.000Z' });
    expect(await repo.pendingSteps('dsr_step')).toHaveLength(1);
    expect(await repo.resolveStep('dsr_step', 'review', 'approved', 'alice')).toMatchObject({ status: 'resolved', decision: 'approved', resolvedBy: 'alice', taskToken: 't' });
    expect(await repo.resolveStep('dsr_step', 'review', 'rejected', 'bob')).toBeUndefined();
    expect(await repo.findStep('dsr_step', 'review')).toMatchObject({ decision: 'approved', resolvedBy: 'alice' });
    expect(await repo.pendingSteps('dsr_step')).toEqual([]);
    expect(await repo.resolveStep('dsr_step', 'triage', 'triaged', 'alice')).toBeUndefined();
  });

  it('claims an email once: held during the lease, taken over after it, sent for good once marked', async () => {
    expect(await repo.claimMail('dsr_mail', 'acknowledgement', 60_000)).toBe('claimed');
    expect(await repo.claimMail('dsr_mail', 'acknowledgement', 60_000)).toBe('held');
    expect(await repo.sentMails('dsr_mail')).toEqual([]);
    await repo.releaseMail('dsr_mail', 'acknowledgement');
    // A lease already over when taken: the next claim takes it over, as after a crash.
    expect(await repo.claimMail('dsr_mail', 'acknowledgement', -1)).toBe('claimed');
    expect(await repo.claimMail('dsr_mail', 'acknowledgement', 60_000)).toBe('claimed');
    await repo.markMailSent('dsr_mail', 'acknowledgement');
    expect(await repo.claimMail('dsr_mail', 'acknowledgement', 60_000)).toBe('sent');
    expect(await repo.sentMails('dsr_mail')).toEqual(['acknowledgement']);
  });

  it('finds the request an email went to by the message id SES gave it, and none for an id it never gave', async () => {
    await repo.claimMail('dsr_sent_a', 'acknowledgement', 60_000);
    await repo.markMailSent('dsr_sent_a', 'acknowledgement', '0102018f-sent-a');
    await repo.claimMail('dsr_sent_b', 'rejection', 60_000);
    await repo.markMailSent('dsr_sent_b', 'rejection', '0102018f-sent-b');
    expect(await repo.requestOfSentMail(['0102018f-unknown', '0102018f-sent-b'])).toBe('dsr_sent_b');
    expect(await repo.requestOfSentMail(['0102018f-sent-a', '0102018f-sent-b'])).toBe('dsr_sent_a');
    expect(await repo.requestOfSentMail(['0102018f-unknown'])).toBeUndefined();
    expect(await repo.requestOfSentMail([])).toBeUndefined();
  });

  it('keeps the audit trail in time order', async () => {
    await repo.audit('dsr_audit', { type: 'second', actor: 'workflow', at: '2026-06-15T10:00:02.000Z' });
    await repo.audit('dsr_audit', { type: 'first', actor: 'intake', at: '2026-06-15T10:00:01.000Z', details: { channel: 'webhook' } });
    expect(await repo.auditTrail('dsr_audit')).toEqual([
      { type: 'first', actor: 'intake', at: '2026-06-15T10:00:01.000Z', details: { channel: 'webhook' } },
      { type: 'second', actor: 'workflow', at: '2026-06-15T10:00:02.000Z' },
    ]);
  });

  it('records an event that happens once per request once, however often and however concurrently it is written', async () => {
    const received = { type: 'received', actor: 'channel:web_form', at: '2026-06-15T10:00:00.000Z', details: { types: ['access'] } };
    const writes = await Promise.all([1, 2, 3].map(() => repo.recordOnce('dsr_once', received, 'received')));
    expect(writes.filter(Boolean)).toHaveLength(1);
    // A retried step writes it again, with what it read then; the first stays.
    expect(await repo.recordOnce('dsr_once', { ...received, details: { types: ['erasure'] } }, 'received')).toBe(false);
    expect(await repo.auditTrail('dsr_once')).toEqual([received]);
  });

  it('lists open and closed requests apart, by due date, page by page without gaps or repeats', async () => {
    const list = await fresh();
    await list.create(aRequest({ requestId: 'dsr_late' }, '2026-07-01T10:00:00Z'));
    await list.create(aRequest({ requestId: 'dsr_early' }, '2026-06-01T10:00:00Z'));
    await list.create(aRequest({ requestId: 'dsr_middle' }, '2026-06-10T10:00:00Z'));
    await list.create(aRequest({ requestId: 'dsr_done', status: 'completed', closedAt: '2026-06-20T10:00:00Z' }));
    const first = await list.list(true, 2);
    expect(first.items.map((item) => item.requestId)).toEqual(['dsr_early', 'dsr_middle']);
    expect(first.cursor).toBeDefined();
    const second = await list.list(true, 2, first.cursor);
    expect(second.items.map((item) => item.requestId)).toEqual(['dsr_late']);
    expect(second.cursor).toBeUndefined();
    expect((await list.list(false)).items.map((item) => item.requestId)).toEqual(['dsr_done']);
  });

  it('lists the requests by restriction status, oldest first, and moves a lifted one out of the active list', async () => {
    const restricted = await fresh();
    const restriction = (since: string) => ({ status: 'active' as const, accountId: 'acct_1', since, heldFiles: 2, heldStores: [{ storeId: 'usage-logs', items: 2 }], taggedFiles: 1 });
    await restricted.create(aRequest({ requestId: 'dsr_later', status: 'completed', restriction: restriction('2026-06-02T10:00:00Z') }));
    await restricted.create(aRequest({ requestId: 'dsr_sooner', status: 'completed', restriction: restriction('2026-06-01T10:00:00Z') }));
    await restricted.create(aRequest({ requestId: 'dsr_plain', status: 'completed' }));
    expect((await restricted.restrictions('active')).map((item) => item.requestId)).toEqual(['dsr_sooner', 'dsr_later']);
    await restricted.update('dsr_sooner', {
      restriction: { ...restriction('2026-06-01T10:00:00Z'), status: 'lifted', lifted: { at: '2026-07-01T10:00:00Z', by: 'team', reason: 'verified' } },
    });
    expect((await restricted.restrictions('active')).map((item) => item.requestId)).toEqual(['dsr_later']);
    const [lifted] = await restricted.restrictions('lifted');
    expect(lifted).toMatchObject({ requestId: 'dsr_sooner', restriction: { status: 'lifted', lifted: { reason: 'verified' } } });
    expect(lifted).not.toHaveProperty('restrictionPk');
  });

  it('finds the earlier requests of the same address, newest first', async () => {
    const people = await fresh();
    await people.create(aRequest({ requestId: 'dsr_one', subject: { found: true, accountId: 'acct_1' } }, '2026-05-01T10:00:00Z'));
    await people.create(aRequest({ requestId: 'dsr_two' }, '2026-05-02T10:00:00Z'));
    await people.create(aRequest({ requestId: 'dsr_other', contactEmail: 'bram@example.nl' }, '2026-05-02T11:00:00Z'));
    await people.create(aRequest({ requestId: 'dsr_three' }, '2026-05-03T10:00:00Z'));
    const three = await people.get('dsr_three');
    expect(await people.earlierRequestsOf(three)).toEqual([
      { requestId: 'dsr_two' },
      { requestId: 'dsr_one', subject: { found: true, accountId: 'acct_1' } },
    ]);
  });
});
