import { describe, expect, it } from 'vitest';
import { fieldErrors, intakeBodySchema, requestedTypes } from '../../../../functions/core/intake/schema.js';

const DAY = 86_400_000;
const base = { type: 'access', email: 'ada@example.com' };
const codesOf = (input: unknown) => {
  const result = intakeBodySchema.safeParse(input);
  return result.success ? [] : fieldErrors(result.error).map((e) => `${e.path}:${e.code}`);
};

describe('intake body beyond the first version', () => {
  it('takes a name, details, several types and a dashboard account', () => {
    const parsed = intakeBodySchema.parse({
      ...base,
      types: ['erasure'],
      name: ' Ada ',
      details: 'Please also delete my prompts.',
      accountId: 'acct_01j9ada7c3f9',
    });
    expect(parsed).toMatchObject({ name: 'Ada', channel: 'dashboard', accountId: 'acct_01j9ada7c3f9', locale: 'en' });
  });

  it('trims and lower-cases the address instead of refusing surrounding spaces', () => {
    expect(intakeBodySchema.parse({ ...base, email: '  Ada@Example.COM \t' }).email).toBe('ada@example.com');
    expect(codesOf({ ...base, email: ' not an address ' })).toEqual(['email:invalid_email']);
    expect(codesOf({ ...base, email: '   ' })).toEqual(['email:invalid_email']);
  });

  it('accepts an account id only from the dashboard channel', () => {
    expect(codesOf({ ...base, accountId: 'acct_1', channel: 'web_form' })).toEqual(['accountId:dashboard_only']);
    expect(codesOf({ ...base, accountId: 'acct_1', channel: 'dashboard' })).toEqual([]);
    expect(codesOf({ ...base, accountId: 'acct 1' })).toEqual(['accountId:invalid_format']);
  });

  it('takes an original receipt time with an offset within the last 30 days', () => {
    const receivedAt = new Date(Date.now() - 3 * DAY).toISOString().replace('Z', '+00:00');
    expect(intakeBodySchema.parse({ ...base, channel: 'support_desk', receivedAt }).receivedAt).toBe(receivedAt);
  });

  it.each([
    ['without an offset', '2026-06-14T22:15:00', 'missing_offset'],
    ['that is no date-time', 'yesterday', 'invalid_datetime'],
    ['in the future', new Date(Date.now() + 60_000).toISOString(), 'in_future'],
    ['more than 30 days back', new Date(Date.now() - 31 * DAY).toISOString(), 'too_old'],
  ])('refuses a receipt time %s', (_why, receivedAt, code) => {
    expect(codesOf({ ...base, receivedAt })).toEqual([`receivedAt:${code}`]);
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
