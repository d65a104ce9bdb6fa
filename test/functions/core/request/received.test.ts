import { describe, expect, it } from 'vitest';
import { computeDeadlines } from '../../../../functions/core/deadlines/index.js';
import { receivedEvent } from '../../../../functions/core/request/received.js';

const { receiptDate, initial, extended } = computeDeadlines('2026-06-14T22:15:00Z');
const stored = {
  channel: 'dashboard',
  createdAt: '2026-06-15T08:00:00.123Z',
  types: ['access' as const, 'erasure' as const],
  receiptDate,
  deadlines: { initial, extended },
  receivedDetails: { forwarded: true, dashboardSession: true },
};

describe('receivedEvent', () => {
  it('records when the intake stored the request, from which channel, what it asks, its deadlines and the channel’s facts', () => {
    expect(receivedEvent(stored)).toEqual({
      type: 'received',
      actor: 'channel:dashboard',
      at: '2026-06-15T08:00:00.123Z',
      details: { types: ['access', 'erasure'], receiptDate: '2026-06-15', deadlines: { initial, extended }, forwarded: true, dashboardSession: true },
    });
  });

  it('is the same event however often it is built from the same request (a retried step writes what the first wrote)', () => {
    expect(receivedEvent(stored)).toEqual(receivedEvent(structuredClone(stored)));
  });
});
