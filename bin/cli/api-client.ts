import { signPayload } from '../../functions/core/intake/signature.js';
import { readLocalStackDeployment } from '../../lib/localstack-deployment.js';
import { DEFAULT_API_URL, DEV_ADMIN_TOKEN, DEV_WEBHOOK_SECRET } from '../../lib/local/dev-defaults.js';

/**
 * Where the CLI talks to: the local runtime unless DSR_API_URL says otherwise, or the
 * LocalStack deployment with DSR_TARGET=localstack.
 */
export function apiSettings(env = process.env) {
  if (env.DSR_TARGET === 'localstack') {
    const deployment = readLocalStackDeployment();
    return { apiUrl: deployment.outputs.ApiUrl!, adminToken: deployment.adminToken, webhookSecret: deployment.webhookSecret };
  }
  return {
    apiUrl: (env.DSR_API_URL ?? DEFAULT_API_URL).replace(/\/$/, ''),
    adminToken: env.DSR_ADMIN_TOKEN ?? DEV_ADMIN_TOKEN,
    webhookSecret: env.DSR_WEBHOOK_SECRET ?? DEV_WEBHOOK_SECRET,
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const error = (body as { error?: { code?: string; message?: string } })?.error;
    super(`HTTP ${status}${error?.code ? ` ${error.code}` : ''}: ${error?.message ?? JSON.stringify(body)}`);
  }
}

async function send(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** Calls the admin API with the privacy team's bearer token. */
export function adminCall(path: string, method = 'GET', body?: unknown, settings = apiSettings()) {
  return send(`${settings.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${settings.adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/** Files a request through the signed intake webhook, as Kiara's website does. */
export function submitRequest(body: unknown, idempotencyKey?: string, settings = apiSettings()) {
  const raw = JSON.stringify(body);
  return send(`${settings.apiUrl}/v1/requests`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-dsr-signature': signPayload(settings.webhookSecret, raw, Math.floor(Date.now() / 1000)),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: raw,
  });
}
