import { describe, expect, it } from 'vitest';
import {
  deliveryKeyOf,
  fingerprintOf,
  IDEMPOTENCY_HOURS,
  repeatOf,
  requestIdOf,
} from '../../../../functions/core/intake/idempotency.js';

const body = '{"type":"access","email":"ada@example.com"}';

describe('request ids from delivery keys', () => {
  const key = deliveryKeyOf(body);

  it('are the same for the same delivery, and look like every other request id', () => {
    expect(requestIdOf('id-key', key, 0)).toBe(requestIdOf('id-key', key, 0));
    expect(requestIdOf('id-key', key, 0)).toMatch(/^dsr_[0-9a-f]{32}$/);
  });

  it('differ by delivery key, by generation and by secret', () => {
    const ids = [
      requestIdOf('id-key', key, 0),
      requestIdOf('id-key', deliveryKeyOf(body, 'form-1'), 0),
      requestIdOf('id-key', deliveryKeyOf(`${body} `), 0),
      requestIdOf('id-key', key, 1),
      requestIdOf('other-key', key, 0),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('key a delivery by its Idempotency-Key when it has one, else by its body', () => {
    expect(deliveryKeyOf(body, 'form-1')).toBe(deliveryKeyOf('{"other":true}', 'form-1'));
    expect(deliveryKeyOf(body)).not.toBe(deliveryKeyOf('{"other":true}'));
  });
});

describe('a delivery whose id is taken', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  const stored = (hoursAgo: number, raw = body) => ({
    createdAt: new Date(now - hoursAgo * 3_600_000).toISOString(),
    deliveryFingerprint: fingerprintOf(raw),
  });

  it('is the same delivery with the same body within a day', () => {
    expect(repeatOf(stored(23.9), fingerprintOf(body), now), 'a retry').toBe('same_delivery');
  });

  it('reuses the key with another body within a day', () => {
    expect(repeatOf(stored(1, '{"type":"erasure","email":"someone@example.org"}'), fingerprintOf(body), now)).toBe('key_reused');
  });

  it('is a new request a day or more later, whatever its body', () => {
    expect(repeatOf(stored(IDEMPOTENCY_HOURS), fingerprintOf(body), now)).toBe('earlier_request');
    expect(repeatOf(stored(30 * 24, '{}'), fingerprintOf(body), now)).toBe('earlier_request');
  });
});
