import { signPayload } from '../../functions/core/intake/signature.js';
import { readMailbox } from '../../lib/local-runtime/index.js';
import { startDsrLocal, type DsrLocal, type DsrLocalOptions } from '../../lib/local/dsr-local.js';

/** An email as the tests read it, whichever SES stands behind the target. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * Where the end-to-end tests run: `embedded` (default) starts the local runtime in this
 * process; `DSR_TARGET=localstack` points the same tests at a stack deployed with
 * `npm run deploy:localstack` (see README, "LocalStack").
 */
export interface DsrTarget {
  name: 'embedded' | 'localstack';
  apiUrl: string;
  webhookSecret: string;
  adminToken: string;
  mail(): Promise<Mail[]>;
  /** The embedded runtime, for the few checks that read stores directly (absent on LocalStack). */
  local?: DsrLocal;
  stop(): Promise<void>;
}

export async function startTarget(options: DsrLocalOptions = {}): Promise<DsrTarget> {
  if (process.env.DSR_TARGET === 'localstack') return localstackTarget();
  const local = await startDsrLocal(options);
  return {
    name: 'embedded',
    apiUrl: local.apiUrl,
    webhookSecret: local.webhookSecret,
    adminToken: local.adminToken,
    local,
    mail: async () =>
      (await readMailbox(local.mailboxUrl)).map((mail) => ({
        to: mail.destination.to,
        subject: mail.subject,
        text: mail.body.text ?? '',
      })),
    stop: () => local.stop(),
  };
}

/** LocalStack: the API URL and secret come from the deployed stack's outputs. */
function localstackTarget(): DsrTarget {
  const endpoint = process.env.LOCALSTACK_ENDPOINT ?? 'http://localhost:4566';
  const apiUrl = process.env.DSR_API_URL;
  if (!apiUrl) throw new Error('DSR_TARGET=localstack needs DSR_API_URL (the IntakeUrl output without /v1/requests)');
  return {
    name: 'localstack',
    apiUrl,
    webhookSecret: process.env.DSR_WEBHOOK_SECRET ?? '',
    adminToken: process.env.DSR_ADMIN_TOKEN ?? '',
    mail: async () => {
      const body = (await (await fetch(`${endpoint}/_aws/ses`)).json()) as {
        messages: { Destination: { ToAddresses: string[] }; Subject: string; Body: { text_part?: string } }[];
      };
      return body.messages.map((m) => ({ to: m.Destination.ToAddresses, subject: m.Subject, text: m.Body.text_part ?? '' }));
    },
    stop: async () => undefined,
  };
}

/** A client for the target's public surfaces: the signed intake and the admin API. */
export function client(target: DsrTarget) {
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${target.apiUrl}${path}`, { redirect: 'manual', ...init });
    const text = await response.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // HTML pages stay text.
    }
    return { status: response.status, body, headers: response.headers };
  };
  return {
    call,
    submit(body: unknown, headers: Record<string, string> = {}) {
      const raw = JSON.stringify(body);
      return call('/v1/requests', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-dsr-signature': signPayload(target.webhookSecret, raw, Math.floor(Date.now() / 1000)),
          ...headers,
        },
        body: raw,
      });
    },
    admin(path: string, method = 'GET', body?: unknown) {
      return call(`/admin${path}`, {
        method,
        headers: { authorization: `Bearer ${target.adminToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
  };
}

/** Polls until `check` returns a value, or fails with what it last saw. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
