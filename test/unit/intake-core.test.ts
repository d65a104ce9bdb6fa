import { describe, expect, it } from 'vitest';
import {
  deliveryKeyOf,
  fingerprintOf,
  IDEMPOTENCY_HOURS,
  repeatOf,
  requestIdOf,
} from '../../functions/core/intake/idempotency.js';
import { fieldErrors, intakeBodySchema, requestedTypes } from '../../functions/core/intake/schema.js';
import { signPayload, verifySignature } from '../../functions/core/intake/signature.js';

const NOW = 1_800_000_000;
const body = '{"type":"access","email":"ada@example.com"}';

describe('webhook signature', () => {
  it('accepts a signature made with the current secret within the replay window', () => {
    expect(verifySignature(signPayload('s3cret', body, NOW - 299), body, ['s3cret'], NOW)).toEqual({ ok: true });
  });

  it('accepts the previous secret while both are active (rotation)', () => {
    expect(verifySignature(signPayload('old', body, NOW), body, ['new', 'old'], NOW).ok).toBe(true);
  });

  it.each([
    ['no header', undefined, 'missing_signature'],
    ['garbage', 'nonsense', 'malformed_signature'],
    ['no v1', `t=${NOW}`, 'malformed_signature'],
    ['non-numeric t', 't=abc,v1=00', 'malformed_signature'],
    ['older than five minutes', signPayload('s3cret', body, NOW - 301), 'signature_expired'],
    ['from the future', signPayload('s3cret', body, NOW + 301), 'signature_expired'],
    ['wrong secret', signPayload('other', body, NOW), 'invalid_signature'],
    ['body changed after signing', signPayload('s3cret', `${body} `, NOW), 'invalid_signature'],
  ])('refuses %s', (_why, header, code) => {
    expect(verifySignature(header, body, ['s3cret'], NOW)).toEqual({ ok: false, code });
  });
});

describe('intake body', () => {
  it('accepts a minimal request and defaults locale and channel', () => {
    const parsed = intakeBodySchema.parse({ type: 'erasure', email: 'bram@example.nl' });
    expect(parsed).toMatchObject({ locale: 'en', channel: 'web_form' });
    expect(requestedTypes(parsed)).toEqual(['erasure']);
  });

  it('merges `type` and `types` without repeats', () => {
    const parsed = intakeBodySchema.parse({ type: 'access', types: ['access', 'erasure'], email: 'a@b.nl' });
    expect(requestedTypes(parsed)).toEqual(['access', 'erasure']);
  });

  it.each([
    ['an unknown type', { type: 'delete-everything', email: 'a@b.nl' }, 'type', 'unknown_value'],
    ['a bad email', { type: 'access', email: 'not-an-email' }, 'email', 'invalid_email'],
    ['a missing email', { type: 'access' }, 'email', 'required'],
    ['an unknown locale', { type: 'access', email: 'a@b.nl', locale: 'de' }, 'locale', 'unknown_value'],
    ['an unknown field', { type: 'access', email: 'a@b.nl', admin: true }, '(body)', 'unknown_field'],
    ['no right at all', { email: 'a@b.nl' }, 'type', 'invalid'],
    ['overlong details', { type: 'access', email: 'a@b.nl', details: 'x'.repeat(5001) }, 'details', 'too_long'],
  ])('rejects %s with a per-field code', (_why, input, path, code) => {
    const result = intakeBodySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toContainEqual(expect.objectContaining({ path, code }));
  });
});

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
