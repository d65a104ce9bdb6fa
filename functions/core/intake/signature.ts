import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureFailure = 'missing_signature' | 'malformed_signature' | 'signature_expired' | 'invalid_signature';

export interface SignatureCheck {
  ok: boolean;
  code?: SignatureFailure;
}

/** Seconds a signed delivery stays acceptable, either way, against replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `X-Dsr-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` */
export function signPayload(secret: string, rawBody: string, timestamp: number): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/**
 * Verifies a webhook signature against every active secret (two during a rotation),
 * comparing in constant time, and refuses timestamps outside the replay window.
 */
export function verifySignature(
  header: string | undefined,
  rawBody: string,
  secrets: readonly string[],
  nowSeconds = Math.floor(Date.now() / 1000),
): SignatureCheck {
  if (!header) return { ok: false, code: 'missing_signature' };
  const parts = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (!key || !value) return { ok: false, code: 'malformed_signature' };
    parts.set(key, [...(parts.get(key) ?? []), value]);
  }
  const timestamp = parts.get('t')?.[0];
  const candidates = parts.get('v1') ?? [];
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || candidates.length === 0) {
    return { ok: false, code: 'malformed_signature' };
  }
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, code: 'signature_expired' };
  }
  for (const secret of secrets) {
    const expected = Buffer.from(signPayload(secret, rawBody, Number(timestamp)).split('v1=')[1]!, 'hex');
    for (const candidate of candidates) {
      if (!/^[0-9a-f]{64}$/i.test(candidate)) continue;
      if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) return { ok: true };
    }
  }
  return { ok: false, code: 'invalid_signature' };
}
