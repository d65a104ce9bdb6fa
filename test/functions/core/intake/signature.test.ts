import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from '../../../../functions/core/intake/signature.js';

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
