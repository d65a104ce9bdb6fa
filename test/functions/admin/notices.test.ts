import { describe, expect, it } from 'vitest';
import { deliverNotices, reportUnsentNotice, sendNotice } from '../../../functions/admin/notices.js';
import { aRequest } from '../shared/request-record.js';
import { clockAt, memoryPorts } from './ports.js';

const queuedAt = '2026-06-20T09:00:00.000Z';
const extended = { reason: 'Many media files to review.', extendedBy: 'alice@kiara-api.com', extendedAt: queuedAt };
const team = { to: 'team@kiara-api.com', email: { subject: 'Notice not sent', text: 'text', html: '<p>text</p>' } };

clockAt('2026-06-20T10:00:00Z');

describe('queued notices (use case on the in-memory repository)', () => {
  it('starts one sender per queued notice before its own try, and starting again starts none', async () => {
    const request = aRequest({ requestId: 'dsr_senders', extension: extended, outbox: { extension_notice: { queuedAt } } });
    const { ports, noticeSenders, sent, mail } = memoryPorts(request);
    mail.failing = true;
    expect(await deliverNotices(ports, request.requestId)).toEqual(['extension_notice']);
    expect(await deliverNotices(ports, request.requestId)).toEqual(['extension_notice']);
    expect(noticeSenders).toEqual([`dsr_senders-extension_notice-${Date.parse(queuedAt)}`]);
    expect(sent).toEqual([]);
  });

  it('sends a queued notice once and clears it; its sender then finds nothing left to send', async () => {
    const request = aRequest({ requestId: 'dsr_once', extension: extended, outbox: { extension_notice: { queuedAt } } });
    const { ports, repo, sent } = memoryPorts(request);
    const queued = { requestId: request.requestId, notice: 'extension_notice' as const, queuedAt };
    expect(await sendNotice(ports, queued)).toBe('sent');
    expect(await sendNotice(ports, queued)).toBe('not_queued');
    expect(sent.map((mail) => mail.kind)).toEqual(['extension_notice']);
    const stored = await repo.get(request.requestId);
    expect(stored.outbox).toEqual({});
    expect(stored.extension?.subjectNotifiedAt).toBe('2026-06-20T10:00:00.000Z');
  });

  it('leaves a notice queued anew (another new link) to its own sender', async () => {
    const request = aRequest({
      requestId: 'dsr_newer',
      package: { key: 'packages/dsr_newer.zip', bytes: 1, files: 1 },
      downloadLink: { linkId: 'link0', linkExpiresAt: '2026-06-25T10:00:00.000Z', packageExpiresAt: '2026-07-18T10:00:00.000Z' },
      outbox: { download_link: { queuedAt: '2026-06-20T09:30:00.000Z', linkId: 'newer' } },
    });
    const { ports, sent } = memoryPorts(request);
    expect(await sendNotice(ports, { requestId: request.requestId, notice: 'download_link', queuedAt })).toBe('not_queued');
    expect(sent).toEqual([]);
  });

  it('throws when the mail provider fails, keeping the notice queued for a retry', async () => {
    const request = aRequest({ requestId: 'dsr_fails', extension: extended, outbox: { extension_notice: { queuedAt } } });
    const { ports, repo, mail } = memoryPorts(request);
    mail.failing = true;
    await expect(sendNotice(ports, { requestId: request.requestId, notice: 'extension_notice', queuedAt })).rejects.toThrow('mail provider down');
    expect(Object.keys((await repo.get(request.requestId)).outbox ?? {})).toEqual(['extension_notice']);
  });

  it('tells the team once of a notice given up on, audits it, and says nothing of one sent meanwhile', async () => {
    const request = aRequest({ requestId: 'dsr_unsent', extension: extended, outbox: { extension_notice: { queuedAt } } });
    const { ports, repo, sent } = memoryPorts(request);
    const queued = { requestId: request.requestId, notice: 'extension_notice' as const, queuedAt };
    expect(await reportUnsentNotice(ports, queued, team, 'MessageRejected')).toBe(true);
    expect(await reportUnsentNotice(ports, queued, team, 'MessageRejected')).toBe(false);
    expect(sent.map((mail) => [mail.kind, mail.to])).toEqual([[`notice_failure#extension_notice#${Date.parse(queuedAt)}`, team.to]]);
    const failures = (await repo.auditTrail(request.requestId)).filter((event) => event.type === 'notice_failed');
    expect(failures.map((event) => event.details)).toEqual([{ notice: 'extension_notice', error: 'MessageRejected' }]);
    expect(Object.keys((await repo.get(request.requestId)).outbox ?? {})).toEqual(['extension_notice']);

    const sentMeanwhile = aRequest({ requestId: 'dsr_sent', extension: { ...extended, subjectNotifiedAt: queuedAt }, outbox: {} });
    const other = memoryPorts(sentMeanwhile);
    expect(await reportUnsentNotice(other.ports, { ...queued, requestId: 'dsr_sent' }, team, 'Throttling')).toBe(false);
    expect(other.sent).toEqual([]);
  });
});
