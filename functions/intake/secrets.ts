import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

/**
 * The active webhook secrets. In AWS a Secrets Manager JSON object whose values are the
 * secrets (`current`, and `previous` during a rotation), cached for five minutes; the
 * local runtime passes them as a comma-separated `WEBHOOK_SECRETS`.
 */
export async function webhookSecrets(env: Record<string, string | undefined>): Promise<string[]> {
  if (env.WEBHOOK_SECRETS) return env.WEBHOOK_SECRETS.split(',').map((s) => s.trim()).filter(Boolean);
  if (!env.WEBHOOK_SECRET_ARN) throw new Error('Missing WEBHOOK_SECRETS or WEBHOOK_SECRET_ARN');
  const value = await getSecret<Record<string, string>>(env.WEBHOOK_SECRET_ARN, { transform: 'json', maxAge: 300 });
  return Object.values(value ?? {}).filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
}

/**
 * The key request ids are derived with (functions/core/intake/idempotency.ts). It never
 * changes (a new key would give a retry of yesterday's delivery another id), so it is read
 * once per container; the local runtime passes it as `REQUEST_ID_KEY`.
 */
export async function requestIdKey(env: Record<string, string | undefined>): Promise<string> {
  if (env.REQUEST_ID_KEY) return env.REQUEST_ID_KEY;
  if (!env.REQUEST_ID_KEY_ARN) throw new Error('Missing REQUEST_ID_KEY or REQUEST_ID_KEY_ARN');
  const value = await getSecret<string>(env.REQUEST_ID_KEY_ARN, { maxAge: 86_400 });
  if (!value) throw new Error('The request id key secret is empty');
  return value;
}
