import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../functions/core/intake/schema.js';
import { signPayload } from '../../../functions/core/intake/signature.js';
import { RIGHTS } from '../../../functions/core/inventory/types.js';
import { startTarget, type DsrTarget } from '../../workflow/target.js';
import { executions, nowSeconds, post, tableItems } from './helpers.js';

/**
 * Deliveries per run; about 25 s on two cores. With the other routes' inputs
 * (fuzz-routes.e2e.test.ts) and the raw messages to the privacy mailbox
 * (test/functions/mail-intake/fuzz.e2e.test.ts), 10,000 inputs (issue 16). FUZZ_RUNS raises it for a longer hunt.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6350);

let target: DsrTarget;
beforeAll(async () => {
  target = await startTarget({ seed: false });
});
afterAll(async () => target?.stop());

const ascii = (maxLength: number) => fc.string({ unit: 'grapheme-ascii', maxLength });
const good = fc.record({ type: fc.constantFrom(...RIGHTS), email: fc.constantFrom('ada@example.com', 'x@y.nl') });

/** Bodies the schema must refuse: each breaks one rule, or is not an object at all. */
const brokenBody: fc.Arbitrary<unknown> = fc.oneof(
  // Any JSON value; an object gets a field the strict schema does not know.
  fc.jsonValue().map((value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, fuzz: 1 } : value)),
  good.chain((body) =>
    fc.oneof(
      ascii(20).filter((t) => !(RIGHTS as readonly string[]).includes(t)).map((type) => ({ ...body, type })),
      ascii(40).filter((e) => !e.includes('@')).map((email) => ({ ...body, email })),
      fc.constantFrom('de', 'EN', '', 'nl-NL').map((locale) => ({ ...body, locale })),
      fc.constantFrom([], ['nope'], 'access', null).map((types) => ({ ...body, type: undefined, types })),
      fc.constantFrom('2026-01-01T10:00:00', 'tomorrow', '2999-01-01T00:00:00Z', '2001-01-01T00:00:00Z').map((receivedAt) => ({ ...body, receivedAt })),
      fc.constantFrom('web_form', 'email', 'support_desk').map((channel) => ({ ...body, accountId: 'acct_1', channel })),
      fc.constantFrom('has space', '', 'x'.repeat(65)).map((accountId) => ({ ...body, accountId })),
      fc.constant({ ...body, details: 'x'.repeat(5001) }),
      fc.constant({ ...body, email: undefined }),
      fc.anything().map((value) => ({ ...body, email: typeof value === 'string' ? 42 : value })),
    ),
  ),
);

/** How the raw body is made: JSON of a value, text that is no JSON, or too many bytes. */
const rawOf = (body: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 8, arbitrary: body.map((value) => JSON.stringify(value) ?? '') },
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: body.map((value) => JSON.stringify({ value, padding: 'x'.repeat(MAX_BODY_BYTES) })) },
  );

type Signer = (raw: string, secret: string) => string | undefined;
const sign = (at: () => number, body?: string): Signer => (raw, secret) => signPayload(secret, body ?? raw, at());

/** Signatures that must all fail. */
const badSignature: fc.Arbitrary<Signer> = fc.oneof(
  fc.constant<Signer>(() => undefined),
  ascii(120).map((text): Signer => () => text),
  fc.constant<Signer>((raw) => signPayload('wrong-secret', raw, nowSeconds())),
  fc.integer({ min: 301, max: 10 ** 8 }).map((age) => sign(() => nowSeconds() - age)),
  fc.integer({ min: 301, max: 10 ** 8 }).map((ahead) => sign(() => nowSeconds() + ahead)),
  ascii(30).map((other) => sign(nowSeconds, other)),
  fc.constantFrom('t=abc,v1=00', 'v1=' + '0'.repeat(64), 't=1,v1=', ',,,', 't=99999999999999,v1=ab').map((text): Signer => () => text),
  // A good signature mangled: a hex digit changed, or the timestamp moved by one.
  fc.constant<Signer>((raw, secret) => signPayload(secret, raw, nowSeconds()).replace(/v1=./, (m) => (m.endsWith('0') ? 'v1=1' : 'v1=0'))),
  fc.constant<Signer>((raw, secret) => signPayload(secret, raw, nowSeconds()).replace(/^t=(\d+)/, (_m, t) => `t=${Number(t) - 1}`)),
);
const goodSignature = fc.constant<Signer>(sign(nowSeconds));
// Half signed correctly, so that half the broken bodies reach the schema.
const anySignature = fc.oneof(badSignature, goodSignature);

const jsonType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON');
const otherType = fc.oneof(
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', 'application/json-patch+json', 'json', 'multipart/form-data; boundary=x'),
  ascii(40).filter((t) => !/^application\/json\s*(;|$)/i.test(t.trim())),
);
/** Mostly JSON, so that most deliveries reach the signature and schema checks. */
const anyType = fc.oneof({ weight: 4, arbitrary: jsonType }, { weight: 1, arbitrary: otherType });
const badIdempotencyKey = fc.oneof(fc.constant('x'.repeat(256)), fc.constantFrom('has space', 'tab\there'));

/**
 * A delivery with at least one fault: a bad signature, a wrong content type, a body the
 * schema refuses (or too big), or a bad Idempotency-Key on an otherwise good request.
 */
const delivery = fc.oneof(
  { weight: 5, arbitrary: fc.record({ raw: rawOf(brokenBody), sign: anySignature, type: anyType, key: fc.option(ascii(60), { nil: undefined }) }) },
  { weight: 3, arbitrary: fc.record({ raw: rawOf(good), sign: badSignature, type: anyType, key: fc.option(ascii(60), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ raw: rawOf(good), sign: goodSignature, type: otherType, key: fc.constant(undefined) }) },
  { weight: 1, arbitrary: fc.record({ raw: good.map((body) => JSON.stringify(body)), sign: goodSignature, type: jsonType, key: badIdempotencyKey }) },
  // Header names in any case, repeated signature headers, headers the API ignores.
  { weight: 2, arbitrary: fc.record({
    raw: rawOf(brokenBody),
    sign: anySignature,
    type: jsonType,
    key: fc.constant(undefined),
    extra: fc.dictionary(fc.constantFrom('X-DSR-SIGNATURE', 'x-forwarded-for', 'x-amz-date', 'authorization', 'x-junk'), ascii(80), { maxKeys: 3 }),
  }) },
);

describe('intake fuzzing', () => {
  it(`refuses ${RUNS} malformed deliveries with a 4xx and a code, and stores nothing`, async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(delivery, async ({ raw, sign: signer, type, key, ...rest }) => {
        const headers: Record<string, string> = { 'content-type': type };
        const signature = signer(raw, target.webhookSecret);
        if (signature !== undefined) headers['x-dsr-signature'] = signature;
        if (key !== undefined) headers['idempotency-key'] = key;
        for (const [name, value] of Object.entries((rest as { extra?: Record<string, string> }).extra ?? {})) headers[name] = value;
        const response = await post(target, raw, headers);
        expect([400, 401, 413, 415]).toContain(response.status);
        expect(response.body.error.code).toMatch(/^[a-z_]+$/);
        const code = `${response.status} ${response.body.error.code}`;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    expect(await tableItems(target)).toEqual([]);
    expect(executions(target)).toEqual({ workflow: [], watch: [] });
    const summary = [...codes].sort().map(([code, count]) => `${code} ×${count}`).join(', ');
    console.log(`intake fuzz: ${RUNS} malformed deliveries (${summary}); 0 items stored, 0 executions`);
    // Thousands of HTTP round trips: allow for a loaded two-core CI machine.
  }, 300_000);
});
