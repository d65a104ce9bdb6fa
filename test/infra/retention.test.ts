import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app.js';
import { synthStack } from './synth.js';

/** The recordRetentionYears setting (gdpr-rules.md §6): default, context key, validation. */
function purgeEnv(template: Template): Record<string, string> {
  const [fn] = Object.values<any>(template.findResources('AWS::Lambda::Function', { Metadata: { DsrEntry: 'functions/retention/index.ts' } }));
  return fn.Properties.Environment.Variables;
}

describe('recordRetentionYears', () => {
  it('defaults to 5 years, and -c recordRetentionYears=N sets it', () => {
    expect(purgeEnv(synthStack().template).RECORD_RETENTION_YEARS).toBe('5');
    expect(purgeEnv(synthStack({ recordRetentionYears: '7' }).template).RECORD_RETENTION_YEARS).toBe('7');
  });

  it('refuses at synth anything but a whole number of years of at least 1', () => {
    for (const value of ['0', '-2', '1.5', 'five', '']) {
      expect(() => synthStack({ recordRetentionYears: value }), value).toThrow(/recordRetentionYears must be a whole number of years, at least 1/);
    }
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    expect(() => buildApp(app, { recordRetentionYears: 0.5 })).toThrow(/got 0\.5/);
  });
});
