import { describe, expect, it, vi } from 'vitest';
import { reissueLink } from '../../../functions/admin/reissue-link.js';
import { aRequest } from '../shared/request-record.js';
import { clockAt, memoryPorts } from './ports.js';

const actor = 'alice@kiara-api.com';
const delivered = {
  status: 'completed' as const,
  closedAt: '2026-06-18T10:00:00.000Z',
  package: { key: 'packages/dsr_link.zip', bytes: 1024, files: 3 },
  downloadLink: { linkId: 'link0', linkExpiresAt: '2026-06-25T10:00:00.000Z', packageExpiresAt: '2026-07-18T10:00:00.000Z' },
};

clockAt('2026-07-01T10:00:00Z');

describe('reissuing a download link (use case on the in-memory repository)', () => {
  it('emails a new link once and makes it the current one; the package keeps its expiry', async () => {
    const request = aRequest({ requestId: 'dsr_link', ...delivered });
    const { ports, repo, sent } = memoryPorts(request);
    await reissueLink(ports, request, actor);
    const stored = await repo.get(request.requestId);
    expect(stored.downloadLink).toEqual({ linkId: 'link1', linkExpiresAt: '2026-06-22T10:00:00.000Z', packageExpiresAt: '2026-07-18T10:00:00.000Z' });
    expect(stored.outbox).toEqual({});
    expect(sent.map((mail) => mail.kind)).toEqual(['download_link#link1']);
    expect(sent[0]!.email.text).toContain('https://api.example/v1/downloads/link1');
    expect((await repo.auditTrail(request.requestId)).map((event) => event.type)).toContain('download_link_reissued');
  });

  it('sends the link still waiting to go out instead of queuing another', async () => {
    const request = aRequest({ requestId: 'dsr_queued', ...delivered, outbox: { download_link: { queuedAt: '2026-07-01T09:00:00.000Z', linkId: 'waiting' } } });
    const { ports, sent } = memoryPorts(request);
    await reissueLink(ports, request, actor);
    expect(sent.map((mail) => mail.kind)).toEqual(['download_link#waiting']);
  });

  it('refuses without a package (409 no_package) and once the package is deleted (409 package_expired)', async () => {
    const none = aRequest({ requestId: 'dsr_none', status: 'completed' });
    const gone = aRequest({ requestId: 'dsr_gone', ...delivered });
    const { ports, repo, sent } = memoryPorts(none, gone);
    await expect(reissueLink(ports, none, actor)).rejects.toMatchObject({ status: 409, code: 'no_package' });
    vi.setSystemTime(new Date('2026-07-18T10:00:00Z'));
    await expect(reissueLink(ports, gone, actor)).rejects.toMatchObject({ status: 409, code: 'package_expired' });
    expect((await repo.get('dsr_gone')).outbox).toBeUndefined();
    expect(sent).toEqual([]);
  });
});
