import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app.js';
import { allStates, definitionOf, synthStack } from './synth.js';

/** The recipientContacts setting (Art. 19 notices): context key, prop, validation, where it goes. */
function lambdasWith(template: Template, variable: string) {
  return Object.values<any>(template.findResources('AWS::Lambda::Function')).filter(
    (fn) => fn.Properties.Environment?.Variables?.[variable] !== undefined,
  );
}

const contacts = { hosting: 'privacy@host.example', 'ai-compute': 'dpo@gpu.example' };
let defaults: Template | undefined;
const defaultTemplate = () => (defaults ??= synthStack().template);

describe('recipientContacts', () => {
  it('reaches the Respond Lambda, and only it, from -c recipientContacts=<JSON> or from cdk.json', () => {
    for (const value of [JSON.stringify(contacts), contacts]) {
      const [respond, ...others] = lambdasWith(synthStack({ recipientContacts: value }).template, 'RECIPIENT_CONTACTS');
      expect(others).toHaveLength(0);
      expect(respond.Metadata.DsrEntry).toBe('functions/workflow/respond/index.ts');
      expect(JSON.parse(respond.Properties.Environment.Variables.RECIPIENT_CONTACTS)).toEqual(contacts);
    }
  });

  it('defaults to no contacts (every notice then logged as missing)', () => {
    const [respond] = lambdasWith(defaultTemplate(), 'RECIPIENT_CONTACTS');
    expect(respond.Properties.Environment.Variables.RECIPIENT_CONTACTS).toBe('{}');
  });

  it('refuses unknown recipient ids and malformed addresses at synth', () => {
    expect(() => synthStack({ recipientContacts: '{"hostnig":"privacy@host.example"}' })).toThrow(/unknown recipient "hostnig"/);
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    expect(() => buildApp(app, { recipientContacts: { email: 'nobody' } })).toThrow(/not one email address/);
  });

  it('NotifyRecipients runs between the erase fan-out and the reply, with the request id only', () => {
    const states = allStates(definitionOf(defaultTemplate(), 'Workflow'));
    // After the last erase round: when no store failed and none has more to do.
    expect(states['erase stores'].Next).toBe('erase: stores done?');
    // ErasePackages first: the earlier packages go before the report says so.
    expect(states['erase: stores done?'].Default).toBe('ErasePackages');
    expect(states.ErasePackages.Next).toBe('NotifyRecipients');
    expect(states.NotifyRecipients.Next).toBe('RespondResult');
    expect(states.NotifyRecipients.Parameters).toEqual({ 'requestId.$': '$.requestId', reply: 'recipient_notices' });
  });
});
