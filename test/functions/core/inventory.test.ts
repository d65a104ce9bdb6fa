import { describe, expect, it } from 'vitest';
import { emailIndexes, normalizeEmail, storeById } from '../../../functions/core/inventory/index.js';

describe('email matching', () => {
  it('compares addresses trimmed and lower-cased', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
  });

  it('gives the account store an exact and a normalised email index, other stores none', () => {
    expect(emailIndexes(storeById('account').location)).toEqual([
      { indexName: 'byEmail', attribute: 'email' },
      { indexName: 'byEmailNormalized', attribute: 'emailNormalized' },
    ]);
    expect(emailIndexes(storeById('usage-logs').location)).toEqual([]);
    expect(emailIndexes(storeById('media').location)).toEqual([]);
  });
});
