import { computeDeadlines } from '../../../functions/core/deadlines/index.js';
import type { DsrRequestRecord } from '../../../functions/core/request/model.js';

/** A stored access request received at `receivedAt` (its deadlines computed from it), with overrides. */
export function aRequest(overrides: Partial<DsrRequestRecord> & Pick<DsrRequestRecord, 'requestId'>, receivedAt = '2026-06-15T10:00:00Z'): DsrRequestRecord {
  const dates = computeDeadlines(receivedAt);
  return {
    types: ['access'],
    status: 'awaiting_review',
    locale: 'en',
    channel: 'webhook',
    receivedAt: dates.receivedAt,
    receiptDate: dates.receiptDate,
    deadlines: { initial: dates.initial, extended: dates.extended },
    contactEmail: 'jane@example.com',
    createdAt: dates.receivedAt,
    updatedAt: dates.receivedAt,
    ...overrides,
  };
}
