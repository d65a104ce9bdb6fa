import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../../lib/local-runtime/index.js';
import type { DsrTarget } from '../../workflow/target.js';
import { startEmbedded } from '../../workflow/target.js';
import { CURRENT_SECRET, post, signed, tableItems } from './helpers.js';

/**
 * The intake while DynamoDB throttles beyond the SDK's retries (fault injection: every
 * handler call to DynamoDB fails): the caller is told to come back, and coming back with
 * the same Idempotency-Key once DynamoDB recovered files one request.
 */
let target: DsrTarget;

beforeAll(async () => {
  target = await startEmbedded({ webhookSecret: CURRENT_SECRET, faults: parseFaultSpec('dynamodb=1,seed=7') });
});
afterAll(async () => target?.stop());

describe('a public route whose AWS retries are exhausted (fault injection)', () => {
  it('answers 503 service_unavailable with Retry-After, never another 5xx; the same Idempotency-Key later gives one request', async () => {
    const raw = JSON.stringify({ type: 'access', email: 'ada@example.com' });
    const headers = signed(raw, CURRENT_SECRET, undefined, { 'idempotency-key': 'form-transient-1' });
    const refused = await post(target, raw, headers);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: 'service_unavailable' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(target.local!.runtime.faultCounts).not.toEqual({});
    expect(await tableItems(target)).toEqual([]);

    target.local!.runtime.setFaults(undefined);
    const [first, second] = await Promise.all([post(target, raw, headers), post(target, raw, headers)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body.requestId).toBe(first.body.requestId);
    expect(await tableItems(target, 'META')).toHaveLength(1);
  });
});
