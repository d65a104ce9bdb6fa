import { signPayload } from '../../functions/core/intake/signature.js';
import { readLocalStackDeployment } from '../../lib/localstack-deployment.js';
import { DEFAULT_PORT, DEV_ADMIN_TOKEN, DEV_WEBHOOK_SECRET, localApiUrl } from '../../lib/local/dev-defaults.js';

export interface ApiSettings {
  apiUrl: string;
  adminToken: string;
  webhookSecret: string;
}

/**
 * Where the CLI talks to: DSR_API_URL, else the local runtime on PORT (as `npm start`
 * reads it, default 3000), or the LocalStack deployment with DSR_TARGET=localstack.
 */
export function apiSettings(env = process.env): ApiSettings {
  if (env.DSR_TARGET === 'localstack') {
    const deployment = readLocalStackDeployment();
    return { apiUrl: deployment.outputs.ApiUrl!, adminToken: deployment.adminToken, webhookSecret: deployment.webhookSecret };
  }
  return {
    apiUrl: (env.DSR_API_URL || localApiUrl(env.PORT || DEFAULT_PORT)).replace(/\/$/, ''),
    adminToken: env.DSR_ADMIN_TOKEN ?? DEV_ADMIN_TOKEN,
    webhookSecret: env.DSR_WEBHOOK_SECRET ?? DEV_WEBHOOK_SECRET,
  };
}

const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * The shell line that points the CLI (and the README's curl example) at a running
 * system: `npm start` prints it for a second terminal.
 */
export function exportLine(settings: ApiSettings): string {
  const variables = { DSR_API_URL: settings.apiUrl, DSR_WEBHOOK_SECRET: settings.webhookSecret, DSR_ADMIN_TOKEN: settings.adminToken };
  return `export ${Object.entries(variables).map(([name, value]) => `${name}=${shellQuote(value)}`).join(' ')}`;
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

/** Says where the CLI looked and how to point it elsewhere, instead of `fetch failed`. */
function unreachable(url: string, error: unknown): Error {
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return new Error(
    `cannot reach the DSR API at ${new URL(url).origin}${cause ? ` (${cause})` : ''}. ` +
      'Is `npm start` running? For another port set PORT (as for npm start); for another host or a deployment set DSR_API_URL ' +
      '(and DSR_ADMIN_TOKEN, DSR_WEBHOOK_SECRET): `npm start` prints the export line.',
  );
}

async function send(url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw unreachable(url, error);
  }
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
