import { createHash, createHmac } from 'node:crypto';

/** How long a delivery key names the same request: retries within it get the first answer. */
export const IDEMPOTENCY_HOURS = 24;

/**
 * What identifies a delivery: the `Idempotency-Key` header when the caller sends one, else
 * the signed body itself (a retry resends the same bytes).
 */
export function deliveryKeyOf(raw: string, idempotencyKey?: string): string {
  return idempotencyKey === undefined ? `body:${raw}` : `key:${idempotencyKey}`;
}

/** The body a request was filed with, as a hash: a key reused with another body is told apart. */
export function fingerprintOf(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

/**
 * The request id of a delivery: an HMAC of its key under a secret, so the request's own
 * conditional put is the idempotency claim, and no one without the secret can derive an id
 * from a body they can guess. `generation` counts the requests one key made, a day or more
 * apart (the same form sent again next month is a new request).
 */
export function requestIdOf(secret: string, deliveryKey: string, generation: number): string {
  const mac = createHmac('sha256', secret).update(`${generation}\n${deliveryKey}`).digest('hex');
  return `dsr_${mac.slice(0, 32)}`;
}

/** What a stored request means to a delivery whose id it holds. */
export type Repeat =
  /** The same delivery again (a retry, a concurrent duplicate): answer as the first time. */
  | 'same_delivery'
  /** The same key with another body: refused, the stored request stays as it is. */
  | 'key_reused'
  /** Filed more than a day ago: this delivery is a new request, under the key's next id. */
  | 'earlier_request';

export function repeatOf(stored: { createdAt: string; deliveryFingerprint?: string }, fingerprint: string, now = Date.now()): Repeat {
  if (now - Date.parse(stored.createdAt) >= IDEMPOTENCY_HOURS * 3_600_000) return 'earlier_request';
  return stored.deliveryFingerprint === fingerprint ? 'same_delivery' : 'key_reused';
}
