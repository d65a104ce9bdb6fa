import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documentClient, s3Client } from '../../functions/shared/aws-clients.js';
import { DEFAULT_SIZES, DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';
import { onLocalStack, startEmbedded } from './target.js';

const [ada] = DEMO_USERS as [typeof DEMO_USERS[0]];
const DAY_MS = 86_400_000;

/**
 * Nothing in scope ages out unnoticed: data due to expire while the team reviews is in the
 * package. Embedded only: it moves the runtime's expiry clock and sweeps TTL and lifecycle.
 */
const session = journeyOn(() => startEmbedded({ expirySweepMs: 0 }));

const usageLogs = async (accountId: string) =>
  (
    await documentClient().send(
      new QueryCommand({
        TableName: session.target.resources.storeTables['usage-logs']!,
        KeyConditionExpression: 'accountId = :id',
        ExpressionAttributeValues: { ':id': accountId },
      }),
    )
  ).Items ?? [];
const workFiles = async (requestId: string) =>
  (await s3Client().send(new ListObjectsV2Command({ Bucket: session.target.resources.exportBucket, Prefix: `work/${requestId}/` }))).KeyCount ?? 0;

describe.skipIf(onLocalStack)('data that expires during the review', () => {
  it('is in the package though TTL removed it from the store while the team reviewed', async () => {
    const expiresAt = Math.floor((Date.now() + 2 * DAY_MS) / 1000);
    await documentClient().send(
      new PutCommand({
        TableName: session.target.resources.storeTables['usage-logs']!,
        Item: { accountId: ada.accountId, sk: 'log#due-during-review', method: 'GET', path: '/v1/models', status: 200, expiresAt },
      }),
    );
    const requestId = await session.flow.reachReview({ type: 'access', email: ada.email, locale: 'en' });

    // The review takes 31 days: every usage log of the day of receipt ages out meanwhile.
    session.target.local!.runtime.expiry.advance(31 * DAY_MS);
    expect((await session.target.local!.runtime.expiry.sweep()).items).toBeGreaterThan(DEFAULT_SIZES['usage-logs']);
    expect(await usageLogs(ada.accountId)).toHaveLength(0);

    await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST');
    await session.flow.waitForStatus(requestId, 'completed');
    const mail = (await session.flow.mailsFor(requestId)).find((m) => /ready to download/.test(m.subject))!;
    const redirect = await session.flow.api.call(/\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(mail.text)![0]);
    const files = unzipSync(new Uint8Array(await (await fetch(redirect.headers.get('location')!)).arrayBuffer()));
    const logs = JSON.parse(strFromU8(files['data/usage-logs.json']!)) as { sk: string }[];
    expect(logs).toHaveLength(DEFAULT_SIZES['usage-logs'] + 1);
    expect(logs.map((log) => log.sk)).toContain('log#due-during-review');
    // The held copy goes with the close: only the package remains, for its 30 days.
    expect(await workFiles(requestId)).toBe(0);
  });

  it('is discarded when the request is cancelled', async () => {
    const requestId = await session.flow.reachReview({ type: 'portability', email: ada.email, locale: 'en' });
    expect(await workFiles(requestId)).toBeGreaterThan(0);
    expect((await session.flow.api.admin(`/requests/${requestId}/cancel`, 'POST')).status).toBe(200);
    // Close records the status, then releases the hold.
    await session.flow.waitFor(requestId, (request) => request.audit.some((event: { type: string }) => event.type === 'hold_released'), 'hold released');
    expect((await session.flow.detail(requestId)).status).toBe('cancelled');
    expect(await workFiles(requestId)).toBe(0);
  });

  it('states in the package what may have aged out between receipt and collection', async () => {
    // Forwarded by support three days after it arrived: the deadlines count from then.
    const receivedAt = new Date(Date.now() - 3 * DAY_MS).toISOString().replace(/\.\d+Z$/, 'Z');
    const requestId = await session.flow.reachReview({ type: 'access', email: ada.email, locale: 'en', channel: 'support_desk', receivedAt });
    await session.flow.api.admin(`/requests/${requestId}/approve`, 'POST');
    await session.flow.waitForStatus(requestId, 'completed');
    const mail = (await session.flow.mailsFor(requestId)).find((m) => /ready to download/.test(m.subject))!;
    const redirect = await session.flow.api.call(/\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(mail.text)![0]);
    const files = unzipSync(new Uint8Array(await (await fetch(redirect.headers.get('location')!)).arrayBuffer()));
    const summary = JSON.parse(strFromU8(files['summary.json']!));
    expect(summary.agedOut.map((window: { storeId: string }) => window.storeId)).toEqual(['usage-logs', 'generations', 'media', 'security-events']);
    expect(summary.agedOut[0].from).toBe(new Date(Date.parse(receivedAt) - 30 * DAY_MS).toISOString());
    expect(strFromU8(files['README.html']!)).toContain('Data that may have aged out before we collected it');
  });

  it('lets the data and the packages expire on their own schedule after the close (lifecycle)', async () => {
    const count = async (bucket: string, prefix: string) =>
      (await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).KeyCount ?? 0;
    expect(await count(session.target.resources.mediaBucket, `accounts/${ada.accountId}/`)).toBe(DEFAULT_SIZES.media);
    expect(await count(session.target.resources.exportBucket, 'packages/')).toBeGreaterThan(0);
    // 31 + 60 days after upload: past the media's 90 days and the packages' 30.
    session.target.local!.runtime.expiry.advance(60 * DAY_MS);
    expect((await session.target.local!.runtime.expiry.sweep()).objects).toBeGreaterThan(DEFAULT_SIZES.media);
    expect(await count(session.target.resources.mediaBucket, `accounts/${ada.accountId}/`)).toBe(0);
    expect(await count(session.target.resources.exportBucket, 'packages/')).toBe(0);
  });
});
