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
