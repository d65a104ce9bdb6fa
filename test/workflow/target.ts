import { signPayload } from '../../functions/core/intake/signature.js';
import { readMailbox } from '../../lib/local-runtime/index.js';
import { eventually as pollUntil } from '../../lib/local/eventually.js';
import { startDsrLocal, type DsrLocal, type DsrLocalOptions } from '../../lib/local/dsr-local.js';
import { readLocalStackDeployment, storeLocations, useLocalStackForSdkClients } from '../../lib/localstack-deployment.js';

/** An email as the tests read it, whichever SES stands behind the target. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** True when the tests run against LocalStack (`DSR_TARGET=localstack`, see README). */
export const onLocalStack = process.env.DSR_TARGET === 'localstack';

/**
 * Where the end-to-end tests run: `embedded` (default) starts the local runtime in this
 * process; `DSR_TARGET=localstack` points the same tests at the stack that
 * `npm run deploy:localstack` deployed (see README, "LocalStack"). Tests that need the
 * embedded runtime's controls (timers run at once, handler settings, an empty table) are
 * marked `describe.skipIf(onLocalStack)` with the reason.
 */
export interface DsrTarget {
  name: 'embedded' | 'localstack';
  apiUrl: string;
  webhookSecret: string;
  adminToken: string;
  /** Names of the deployed resources; the shared SDK clients reach them from this process. */
  resources: DsrLocal['resources'];
  mail(): Promise<Mail[]>;
  /** The embedded runtime (absent on LocalStack). */
  local?: DsrLocal;
  stop(): Promise<void>;
}

export async function startTarget(options: DsrLocalOptions = {}): Promise<DsrTarget> {
  return onLocalStack ? localstackTarget() : startEmbedded(options);
}

/** The embedded runtime whatever DSR_TARGET says (tests of settings LocalStack lacks). */
export async function startEmbedded(options: DsrLocalOptions = {}): Promise<DsrTarget> {
  const local = await startDsrLocal(options);
  return {
    name: 'embedded',
    apiUrl: local.apiUrl,
    webhookSecret: local.webhookSecret,
    adminToken: local.adminToken,
    resources: local.resources,
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

/** LocalStack: URLs, names and secrets come from the deployment file the deploy wrote. */
function localstackTarget(): DsrTarget {
  const deployment = readLocalStackDeployment();
  const { outputs, endpoint } = deployment;
  useLocalStackForSdkClients(endpoint, deployment.region);
  const stores = storeLocations(outputs);
  return {
    name: 'localstack',
    apiUrl: outputs.ApiUrl!,
    webhookSecret: deployment.webhookSecret,
    adminToken: deployment.adminToken,
    resources: {
      requestsTable: outputs.RequestsTableName!,
      exportBucket: outputs.ExportBucketName!,
      mediaBucket: stores.mediaBucket,
      storeTables: stores.tables,
      workflowArn: outputs.StateMachineArn!,
      watchArn: outputs.DeadlineWatchArn!,
    },
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

// LocalStack starts a Docker container per Lambda on first use: allow for cold starts.
const DEFAULT_WAIT_MS = onLocalStack ? 180_000 : 20_000;

/** Polls until `check` returns a value (the shared helper, with this target's default wait). */
export const eventually = <T>(check: () => Promise<T | undefined>, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<T> =>
  pollUntil(check, what, timeoutMs);
