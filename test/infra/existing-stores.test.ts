import { describe, expect, it } from 'vitest';
import { STORES } from '../../functions/core/inventory/index.js';
import { readmeStoresExample } from './readme.js';
import { synthStack } from './synth.js';

describe('pointing the stack at Kiara\'s existing stores (README example)', () => {
  const example = readmeStoresExample();
  const template = synthStack({ existingStores: JSON.stringify(example) }).template.toJSON();
  const policies = Object.values<any>(template.Resources).filter((resource) => resource.Type === 'AWS::IAM::Policy');

  it('names a table for every DynamoDB store of the inventory and creates no demo stores', () => {
    const tableStores = STORES.filter((store) => store.location.kind === 'dynamodb').map((store) => store.id);
    expect(Object.keys(example.tables).sort()).toEqual(tableStores.sort());
    const tables = Object.values<any>(template.Resources).filter((resource) => resource.Type === 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1); // the requests table only
  });

  it('grants the connectors the named tables and the media bucket\'s account prefix', () => {
    const text = JSON.stringify(policies);
    for (const name of Object.values(example.tables)) expect(text).toContain(`:table/${name}`);
    expect(text).toContain(`:s3:::${example.mediaBucket}/accounts/*`);
    // The requester is found through the account table's email index: its ARN must be granted.
    expect(text).toContain(`:table/${example.tables.account}/index/*`);
    expect(JSON.stringify(template.Outputs.StoreLocations)).toContain('kiara-media');
  });

  it('refuses a store list with a table missing, at synth', () => {
    const { support: _dropped, ...tables } = example.tables;
    expect(() => synthStack({ existingStores: JSON.stringify({ ...example, tables }) })).toThrow(/no existing table named for store "support"/);
  });
});
