import { App } from 'aws-cdk-lib';
import { DsrStack, type DsrStackProps } from './dsr-stack.js';
import type { DeployTarget } from './localstack.js';
import { existingStoresSetting, jsonSetting } from './settings.js';

function deployTarget(value: string | undefined): DeployTarget {
  if (value === undefined || value === 'aws' || value === 'localstack') return value ?? 'aws';
  throw new Error(`Unknown target "${value}": use -c target=aws (default) or -c target=localstack`);
}

/** Settings read from CDK context (`-c key=value` or cdk.json), with local defaults. */
export function stackPropsFromContext(app: App): DsrStackProps {
  const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
  return {
    mail: {
      senderEmail: context('senderEmail') ?? 'privacy@kiara-api.com',
      privacyTeamEmail: context('privacyTeamEmail') ?? 'privacy-team@kiara-api.com',
    },
    consoleUrl: context('consoleUrl'),
    alarmEmail: context('alarmEmail'),
    wafRateLimit: context('wafRateLimit') ? Number(context('wafRateLimit')) : undefined,
    // Validated by the stack: a whole number of years, at least 1.
    recordRetentionYears: context('recordRetentionYears') !== undefined ? Number(context('recordRetentionYears')) : undefined,
    // JSON on the command line, an object in cdk.json, or a file (…File=path); see lib/settings.ts.
    existingStores: existingStoresSetting(context),
    // Validated by the stack against the inventory's recipients.
    recipientContacts: jsonSetting(context, 'recipientContacts') as Record<string, string> | undefined,
    recipientNames: jsonSetting(context, 'recipientNames') as Record<string, string> | undefined,
    target: deployTarget(context('target')),
  };
}

/**
 * Builds the app; the CDK entry point and the local runtime both use this. `overrides`
 * set props that have no context key (tests: a link that lives seconds).
 */
export function buildApp(app: App = new App(), overrides: Partial<DsrStackProps> = {}): { app: App; stack: DsrStack } {
  const stack = new DsrStack(app, 'KiaraDsr', {
    ...stackPropsFromContext(app),
    ...overrides,
    description: 'Kiara GDPR data-subject request workflow',
  });
  return { app, stack };
}
