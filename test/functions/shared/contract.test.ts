import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { checkEnvironment, defineFunction, readEnvironment, variable } from '../../../functions/shared/contract.js';

const example = defineFunction({
  entry: 'example',
  environment: z.object({
    REQUESTS_TABLE: variable.text(),
    PUBLIC_API_URL: variable.baseUrl(),
    LINK_DAYS: variable.count().default(7),
    LINK_LIFETIME_DAYS: variable.duration().default(7),
    REMINDER_DAYS_BEFORE: variable.counts(),
    NAMES: variable.json(z.record(z.string(), z.string())),
  }),
});

describe('function contracts', () => {
  it('reads the environment parsed: numbers, lists, JSON, a URL without its trailing slash, defaults', () => {
    const config = readEnvironment(example, {
      REQUESTS_TABLE: 'requests',
      PUBLIC_API_URL: 'https://api.example/',
      REMINDER_DAYS_BEFORE: '7,2',
      NAMES: '{"payments":"Demo Payments B.V."}',
    });
    expect(config).toEqual({
      REQUESTS_TABLE: 'requests',
      PUBLIC_API_URL: 'https://api.example',
      LINK_DAYS: 7,
      LINK_LIFETIME_DAYS: 7,
      REMINDER_DAYS_BEFORE: [7, 2],
      NAMES: { payments: 'Demo Payments B.V.' },
    });
  });

  it('fails on a missing or malformed variable, naming it and the function but never the value', () => {
    const read = () =>
      readEnvironment(example, { PUBLIC_API_URL: 'https://api.example', REMINDER_DAYS_BEFORE: 'seven', NAMES: 'ada@example.com' });
    expect(read).toThrow(/functions\/example/);
    expect(read).toThrow(/REQUESTS_TABLE/);
    expect(read).toThrow(/REMINDER_DAYS_BEFORE/);
    expect(read).toThrow(/NAMES: expected JSON/);
    expect(read).not.toThrow(/ada@example\.com/);
  });

  it('checks at synth what is known there: a token passes as text, a malformed literal fails', () => {
    const environment = {
      REQUESTS_TABLE: '${Token[TOKEN.123]}',
      PUBLIC_API_URL: '${Token[TOKEN.124]}',
      REMINDER_DAYS_BEFORE: '7,2',
      NAMES: '{}',
    };
    expect(() => checkEnvironment(example, environment)).not.toThrow();
    expect(() => checkEnvironment(example, { ...environment, LINK_DAYS: '1.5' })).toThrow(/LINK_DAYS/);
    // A duration may be a fraction, as a test stack's identity link of a few seconds is.
    expect(readEnvironment(example, { ...environment, LINK_LIFETIME_DAYS: String(5 / 86_400) }).LINK_LIFETIME_DAYS).toBeCloseTo(5 / 86_400);
    expect(readEnvironment(example, { ...environment, LINK_LIFETIME_DAYS: String(1e-8) }).LINK_LIFETIME_DAYS).toBe(1e-8);
    expect(() => checkEnvironment(example, { ...environment, LINK_LIFETIME_DAYS: '-1' })).toThrow(/LINK_LIFETIME_DAYS/);
  });
});
