import { describe, expect, it } from 'vitest';
import { DEMO_RECIPIENT_NAMES, knownRecipients, STORES } from '../../functions/core/inventory/index.js';
import { readmeStoresExample } from './readme.js';
import { synthStack } from './synth.js';

/** The processors' real names, which a deployment on Kiara's own stores must set. */
const recipientNames = { payments: 'Acme Pay B.V.', 'ai-compute': 'Acme GPU Cloud Ltd.' };

describe('pointing the stack at Kiara\'s existing stores (README example)', () => {
  const example = readmeStoresExample();
  const template = synthStack({ existingStores: JSON.stringify(example), recipientNames: JSON.stringify(recipientNames) }).template.toJSON();
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
    expect(() => synthStack({ existingStores: JSON.stringify({ ...example, tables }), recipientNames })).toThrow(/no existing table named for store "support"/);
  });

  it('refuses, at synth, to name demo processors to people: the recipients without a real name are listed', () => {
    expect(() => synthStack({ existingStores: JSON.stringify(example) })).toThrow(/recipientNames must name the recipients "payments", "ai-compute"/);
    expect(() => synthStack({ existingStores: JSON.stringify(example), recipientNames: { payments: 'Acme Pay B.V.' } })).toThrow(/recipients "ai-compute"/);
    expect(() => synthStack({ existingStores: JSON.stringify(example), recipientNames: { ...recipientNames, bank: 'X' } })).toThrow(/unknown recipient "bank"/);
  });

  it('gives the real names to the Lambdas that name recipients to people (Assemble, Respond)', () => {
    const named = Object.entries<any>(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Environment?.Variables?.RECIPIENT_NAMES)
      .map(([id, resource]) => [id.replace(/[0-9A-F]{8}$/, ''), JSON.parse(resource.Properties.Environment.Variables.RECIPIENT_NAMES)]);
    expect(named).toEqual([
      ['StepsAssemble', recipientNames],
      ['StepsRespond', recipientNames],
    ]);
  });
});

describe('the demo stack', () => {
  it('synthesizes with no settings, naming the processors by obviously fictitious demo names', () => {
    const demo = synthStack().template.toJSON();
    expect(JSON.stringify(demo)).not.toContain('set the name');
    expect(DEMO_RECIPIENT_NAMES).toEqual({ payments: 'Demo Payments B.V.', 'ai-compute': 'Demo AI Compute B.V.' });
    expect(knownRecipients().map((recipient) => recipient.name)).toEqual(expect.arrayContaining(Object.values(DEMO_RECIPIENT_NAMES)));
  });
});
