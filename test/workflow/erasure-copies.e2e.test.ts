import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3Client } from '../../functions/shared/aws-clients.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { journeyOn } from './journey.js';

const [ada] = DEMO_USERS as [typeof DEMO_USERS[0]];

/** An erasure leaves no copies: the person's earlier packages go, and their links say so. */
const session = journeyOn();

const packagesOf = async (requestId: string) =>
  (await s3Client().send(new ListObjectsV2Command({ Bucket: session.target.resources.exportBucket, Prefix: `packages/${requestId}/` }))).KeyCount ?? 0;

describe.sequential('an erasure after an access request', () => {
  let accessId: string;
  let downloadPath: string;
  let erasureId: string;

  it('first answers the access request with a package and a working link', async () => {
    accessId = await session.flow.reachReview({ type: 'access', email: ada.email, locale: 'en' });
    await session.flow.api.admin(`/requests/${accessId}/approve`, 'POST');
    await session.flow.waitForStatus(accessId, 'completed');
    const mail = (await session.flow.mailsFor(accessId)).find((m) => /ready to download/.test(m.subject))!;
    downloadPath = /\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    expect((await session.flow.api.call(downloadPath)).status).toBe(302);
    expect(await packagesOf(accessId)).toBe(1);
  });

  it('deletes the earlier package from the export bucket', async () => {
    erasureId = await session.flow.reachReview({ type: 'erasure', email: ada.email, locale: 'en' });
    await session.flow.api.admin(`/requests/${erasureId}/approve`, 'POST');
    await session.flow.waitForStatus(erasureId, 'completed');
    expect(await packagesOf(accessId)).toBe(0);
  });

  it('revokes the emailed link: it answers 410 with a page that says the package was deleted', async () => {
    const page = await session.flow.api.call(downloadPath);
    expect(page.status).toBe(410);
    expect(page.body).toContain('deleted');
    expect(page.body).toContain('asked us to erase your personal data');
    const earlier = await session.flow.detail(accessId);
    expect(earlier.audit.map((event: any) => event.type)).toContain('package_revoked');
  });

  it('reports what else remains, why and until when', async () => {
    const report = (await session.flow.mailsFor(erasureId)).find((m) => /has been erased/.test(m.subject))!;
    expect(report.text).toContain('1 earlier copy');
    expect(report.text).toMatch(/records? of your requests/i);
    expect(report.text).toContain('5 years');
    expect(report.text).toMatch(/backups?/i);
    expect(report.text).toContain('35 days');
  });
});
