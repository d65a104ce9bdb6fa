import { describe, expect, it } from 'vitest';
import { requestDetail } from '../../../functions/admin/detail.js';
import { aRequest } from '../shared/request-record.js';
import { memoryPorts } from './ports.js';

describe('the request detail (query over the in-memory repository)', () => {
  it('shows the requester’s name and details, the open request a duplicate repeats, and waiting steps without their task token', async () => {
    const request = aRequest({ requestId: 'dsr_detail', name: 'Jane Doe', details: 'Also my old address.', duplicateOf: 'dsr_first', status: 'duplicate' });
    const { ports, park, repo } = memoryPorts(request);
    await park(request.requestId, 'review');
    await repo.audit(request.requestId, { type: 'received', actor: 'channel:webhook', at: '2026-06-15T10:00:00.000Z' });
    const detail = await requestDetail(ports, request.requestId);
    expect(detail).toMatchObject({
      requestId: 'dsr_detail',
      name: 'Jane Doe',
      details: 'Also my old address.',
      duplicateOf: 'dsr_first',
      status: 'duplicate',
      open: false,
      daysLeft: null,
      contactEmail: 'jane@example.com',
      audit: [{ type: 'received' }],
    });
    expect(detail.pendingSteps).toEqual([expect.objectContaining({ step: 'review', status: 'pending' })]);
    expect(JSON.stringify(detail)).not.toContain('token-');
  });

  it('lists, for a rectification, the stores a correction writes in and their attributes (the decide dialog’s fields), and none otherwise', async () => {
    const rectification = aRequest({ requestId: 'dsr_rectify', types: ['rectification'] });
    const { ports } = memoryPorts(rectification, aRequest({ requestId: 'dsr_access' }));
    expect((await requestDetail(ports, 'dsr_rectify')).rectifiable).toEqual([
      { storeId: 'account', title: expect.any(String), fields: expect.arrayContaining(['email', 'displayName']) },
    ]);
    expect((await requestDetail(ports, 'dsr_access')).rectifiable).toEqual([]);
  });

  it('answers 404 request_not_found for an id with no request', async () => {
    await expect(requestDetail(memoryPorts().ports, 'dsr_absent')).rejects.toMatchObject({ status: 404, code: 'request_not_found' });
  });
});
