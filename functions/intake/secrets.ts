import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { ConfigOf } from '../shared/contract.js';
import type { intakeContract, requestIdKeyVariables } from './contract.js';

type WebhookSecretConfig = Pick<ConfigOf<typeof intakeContract>, 'WEBHOOK_SECRET_ARN' | 'WEBHOOK_SECRETS'>;
/** What every intake channel's contract declares of the key (requestIdKeyVariables). */
type RequestIdKeyConfig = Pick<ConfigOf<typeof intakeContract>, keyof typeof requestIdKeyVariables>;

/**
 * The active webhook secrets. In AWS a Secrets Manager JSON object whose values are the
 * secrets (`current`, and `previous` during a rotation), cached for five minutes; the
 * local runtime passes them as a comma-separated `WEBHOOK_SECRETS`.
 */
export async function webhookSecrets(config: WebhookSecretConfig): Promise<string[]> {
  if (config.WEBHOOK_SECRETS.length > 0) return config.WEBHOOK_SECRETS;
  const value = await getSecret<Record<string, string>>(config.WEBHOOK_SECRET_ARN, { transform: 'json', maxAge: 300 });
  return Object.values(value ?? {}).filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
}

/**
 * The key request ids are derived with (functions/core/intake/idempotency.ts). It never
 * changes (a new key would give a retry of yesterday's delivery another id), so it is read
 * once per container; the local runtime passes it as `REQUEST_ID_KEY`.
 */
export async function requestIdKey(config: RequestIdKeyConfig): Promise<string> {
  if (config.REQUEST_ID_KEY) return config.REQUEST_ID_KEY;
  const value = await getSecret<string>(config.REQUEST_ID_KEY_ARN, { maxAge: 86_400 });
  if (!value) throw new Error('The request id key secret is empty');
  return value;
}
