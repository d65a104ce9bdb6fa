import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { DEFAULT_SIZES, DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';

/**
 * The person a reply speaks of is the person Kiara holds data on: found however the
 * account store spells the address.
 */
const [, bram] = DEMO_USERS as [typeof DEMO_USERS[0], typeof DEMO_USERS[0]];

const session = journeyOn();

/** An account as Kiara's account service writes it, with the address as the person typed it at sign-up. */
async function putAccount(accountId: string, email: string) {
  await documentClient().send(
    new PutCommand({
      TableName: session.target.resources.storeTables.account!,
      Item: { accountId, sk: 'profile', email, emailNormalized: email.trim().toLowerCase(), displayName: 'Carla', locale: 'en' },
    }),
  );
}

describe('finding the subject', () => {
  it('finds an account stored as Carla@Example.com for a request from carla@example.com', async () => {
    await putAccount('acct_mixedcase01', 'Carla@Example.com');
    const requestId = await session.flow.reachReview({ type: 'access', email: 'carla@example.com' });
    expect(await session.flow.detail(requestId)).toMatchObject({ status: 'awaiting_review', subjectFound: true });
  });
});

/** The files of the package the reply of `requestId` links to. */
async function packageOf(requestId: string): Promise<Record<string, Uint8Array>> {
  const mail = (await session.flow.mailsFor(requestId)).find((m) => /\/v1\/downloads\//.test(m.text))!;
  const link = /https?:\/\/\S+(\/v1\/downloads\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
  const redirect = await session.flow.api.call(link);
  expect(redirect.status).toBe(302);
  return unzipSync(new Uint8Array(await (await fetch(redirect.headers.get('location')!)).arrayBuffer()));
}

describe.sequential('an access request after an erasure', () => {
  let erasureId: string;

  it('erases the account (the invoices stay, as the law requires)', async () => {
    erasureId = await session.flow.reachReview({ type: 'erasure', email: bram.email, locale: 'nl' });
    await session.flow.api.admin(`/requests/${erasureId}/approve`, 'POST');
    await session.flow.waitForStatus(erasureId, 'completed');
  });

  it('reports the invoices and the records of the earlier requests still held, not "no data"', async () => {
    const requestId = await session.flow.reachReview({ type: 'access', email: bram.email, locale: 'en' });
    expect((await session.flow.detail(requestId)).subjectFound).toBe(true);
    await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST');
    await session.flow.waitForStatus(requestId, 'completed');
    const files = await packageOf(requestId);
    expect(JSON.parse(strFromU8(files['data/invoices.json']!))).toHaveLength(DEFAULT_SIZES.invoices);
    expect(JSON.parse(strFromU8(files['data/usage-logs.json']!))).toHaveLength(0);
    const records = JSON.parse(strFromU8(files['data/request-records.json']!)) as { requestId: string; types: string[]; keptUntil: string }[];
    expect(records.map((record) => record.requestId)).toEqual([erasureId]);
    expect(records[0]).toMatchObject({ types: ['erasure'], keptUntil: expect.stringMatching(/^20\d\d-/) });
    const readme = strFromU8(files['README.html']!);
    expect(readme).toContain('Records of your privacy requests');
    expect(readme).toContain('Art. 6(1)(c)');
  });
});

describe.sequential('a person without an account who asked before', () => {
  it('is answered with the records of the earlier request, not "no data"', async () => {
    const email = 'dora@example.org';
    const first = await session.flow.submit({ type: 'access', email });
    await session.flow.confirmIdentity(first, email);
    await session.flow.waitForStatus(first, 'completed_no_data');

    const requestId = await session.flow.reachReview({ type: 'access', email, locale: 'en' });
    await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST');
    await session.flow.waitForStatus(requestId, 'completed');
    const files = await packageOf(requestId);
    const records = JSON.parse(strFromU8(files['data/request-records.json']!)) as { requestId: string }[];
    expect(records.map((record) => record.requestId)).toEqual([first]);
    expect(Object.keys(files).filter((name) => name.startsWith('data/') && name !== 'data/request-records.json')).toEqual([]);
  });

  it('has its earlier package deleted by an erasure, though no store holds anything', async () => {
    const email = 'dora@example.org';
    const requestId = await session.flow.reachReview({ type: 'erasure', email, locale: 'en' });
    await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST');
    const erased = await session.flow.waitForStatus(requestId, 'completed');
    expect(erased.audit.find((event: any) => event.type === 'earlier_packages_erased').details.requestIds).toHaveLength(1);
    const report = (await session.flow.mailsFor(requestId)).find((m) => /has been erased/.test(m.subject))!;
    expect(report.text).toContain('1 earlier copy');
  });
});
