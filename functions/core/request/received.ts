import type { DsrRequestRecord } from './model.js';

/**
 * The `received` audit event's own key suffix: the event is keyed by the request's
 * creation and this, so whoever records it (the workflow's Acknowledge, retried or not,
 * or the intake for a request that runs no workflow) records it once.
 */
export const RECEIVED_ONCE = 'received';

/** The `received` audit event of a stored request: when the intake stored it, what it asks, its deadlines, the channel's facts. */
export function receivedEvent(
  request: Pick<DsrRequestRecord, 'channel' | 'createdAt' | 'types' | 'receiptDate' | 'deadlines' | 'receivedDetails'>,
) {
  return {
    type: 'received',
    actor: `channel:${request.channel}`,
    at: request.createdAt,
    details: { types: request.types, receiptDate: request.receiptDate, deadlines: request.deadlines, ...request.receivedDetails },
  };
}
