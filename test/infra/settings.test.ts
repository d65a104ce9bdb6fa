import { App } from 'aws-cdk-lib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stackPropsFromContext } from '../../lib/app.js';

/** JSON settings (existingStores, recipientContacts) from cdk.json, the command line or a file. */
const stores = { tables: { account: 'kiara-accounts' }, mediaBucket: 'kiara-media' };
const contacts = { hosting: 'privacy@host.example' };
const dir = mkdtempSync(path.join(tmpdir(), 'dsr-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
};
const propsWith = (context: Record<string, unknown>) => stackPropsFromContext(new App({ context }));

describe('JSON settings', () => {
  it('reads existingStores and recipientContacts as objects (cdk.json), as JSON text (-c key=…) and from a file (-c keyFile=…)', () => {
    // A multi-line file, as the README's stores.json example is.
    const storesFile = file('stores.json', JSON.stringify(stores, null, 2));
    const contactsFile = file('contacts.json', JSON.stringify(contacts, null, 2));
    for (const context of [
      { existingStores: stores, recipientContacts: contacts },
      { existingStores: JSON.stringify(stores), recipientContacts: JSON.stringify(contacts) },
      { existingStoresFile: storesFile, recipientContactsFile: contactsFile },
    ]) {
      const props = propsWith(context);
      expect(props.existingStores).toEqual(stores);
      expect(props.recipientContacts).toEqual(contacts);
    }
  });

  it('says what to do when the command line cut multi-line JSON at its first line break', () => {
    expect(() => propsWith({ existingStores: '{"tables": {"account": "kiara-accounts",' })).toThrow(
      /existingStores is not valid JSON .*put the JSON in a file and pass -c existingStoresFile=<path>/,
    );
  });

  it('refuses a missing file, both forms at once, and a store list of the wrong shape, naming the setting', () => {
    expect(() => propsWith({ existingStoresFile: path.join(dir, 'nope.json') })).toThrow(/existingStoresFile: cannot read .*nope\.json \(ENOENT\)/);
    expect(() => propsWith({ recipientContactsFile: file('bad.json', '{hosting: x}') })).toThrow(/recipientContactsFile .*bad\.json is not valid JSON/);
    expect(() => propsWith({ existingStores: stores, existingStoresFile: 'stores.json' })).toThrow(/existingStores and existingStoresFile are both set/);
    expect(() => propsWith({ existingStores: { tables: stores.tables } })).toThrow(/existingStores must look like .*mediaBucket/);
    expect(() => propsWith({ existingStores: { ...stores, media: 'x' } })).toThrow(/existingStores must look like/);
  });
});
