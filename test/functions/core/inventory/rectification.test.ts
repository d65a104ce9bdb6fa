import { describe, expect, it } from 'vitest';
import { checkCorrections, correctedStores } from '../../../../functions/core/inventory/index.js';

const email = { storeId: 'account', field: 'email', from: 'ada@example.com', to: 'ada.new@example.com' };

describe('checkCorrections: what a review may write in a store', () => {
  it('accepts the rectifiable attributes of the account with valid old and new values', () => {
    expect(checkCorrections([email, { storeId: 'account', field: 'marketingEmails', from: true, to: false }])).toEqual([]);
  });

  it('refuses a store the connector cannot write, an attribute not marked rectifiable, bad or unchanged values and repeats, each by its path', () => {
    expect(
      checkCorrections([
        { storeId: 'api-keys', field: 'name', from: 'a', to: 'b' },
        { storeId: 'nowhere', field: 'email', from: 'a@b.example', to: 'c@d.example' },
        { storeId: 'account', field: 'plan', from: 'pro', to: 'free' },
        { storeId: 'account', field: 'email', from: 'ada@example.com', to: 'not an address' },
        { storeId: 'account', field: 'locale', from: 'en', to: 'en' },
        email,
      ]),
    ).toEqual([
      { path: 'rectify.0.storeId', code: 'unknown_store' },
      { path: 'rectify.1.storeId', code: 'unknown_store' },
      { path: 'rectify.2.field', code: 'not_rectifiable' },
      { path: 'rectify.3.to', code: 'invalid_value' },
      { path: 'rectify.4.to', code: 'unchanged' },
      { path: 'rectify.5', code: 'duplicate' },
    ]);
  });

  it('names each corrected store once, in inventory order', () => {
    expect(correctedStores([email, { storeId: 'account' }])).toEqual(['account']);
  });
});
