/**
 * Secrets of the local runtime when none are set. They protect nothing but a laptop and
 * are printed at start; AWS deployments use Secrets Manager and Cognito instead.
 */
export const DEV_WEBHOOK_SECRET = 'local-dev-webhook-secret';
export const DEV_ADMIN_TOKEN = 'local-dev-admin-token';
export const DEFAULT_API_URL = 'http://127.0.0.1:3000';
