import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildApp } from '../app.js';
import type { DsrStackProps } from '../dsr-stack.js';
import { seedDemoData } from '../demo/index.js';
import {
  startLocalRuntime,
  synthesizeTemplate,
  type CfnTemplate,
  type LocalRuntime,
  type LocalRuntimeOptions,
} from '../local-runtime/index.js';
import type { StoreId } from '../../functions/core/inventory/index.js';
import type { KiaraDataPlaneProps } from '../constructs/kiara-data-plane.js';
import type { intakeContract } from '../../functions/intake/contract.js';
import type { EnvironmentOf } from '../../functions/shared/contract.js';
import { consoleRoute } from './console-route.js';
import { DEV_ADMIN_TOKEN, DEV_RECIPIENT_CONTACTS, DEV_REQUEST_ID_KEY, DEV_WEBHOOK_SECRET, localApiUrl } from './dev-defaults.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface DsrLocalOptions {
  /** API port; 0 = any free port. */
  port?: number;
  sesPort?: number;
  /** Port of the privacy mailbox's SMTP listener; 0 = any free port. Default 0. */
  smtpPort?: number;
  webhookSecret?: string;
  adminToken?: string;
  /** Seed the demo users' data. Default true. */
  seed?: boolean;
  /** Wait-state overrides (ms by state name), e.g. to run the deadline watch fast in tests. */
  waitTimeOverrides?: Record<string, number>;
  /** Retry-interval overrides (ms by state name), so retries in tests take no seconds. */
  retryIntervalOverrides?: Record<string, number | number[]>;
  /** Extra environment for every handler (e.g. a shorter identity-link lifetime). */
  env?: Record<string, string>;
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * Stack settings for this runtime (e.g. `identityLinkDays`, or `target: 'localstack'` to
   * run the LocalStack variant of the template, whose admin Lambda checks the token).
   * `recipientContacts` defaults to demo addresses (`DEV_RECIPIENT_CONTACTS`).
   */
  stackProps?: Partial<DsrStackProps>;
  /** Faults in the handlers' AWS calls (see the local runtime's option; `DSR_FAULTS` for `npm start`). */
  faults?: LocalRuntimeOptions['faults'];
  crashAfter?: LocalRuntimeOptions['crashAfter'];
  /** A shorter lease of email claims (see the local runtime's option). */
  mailClaimLeaseMs?: LocalRuntimeOptions['mailClaimLeaseMs'];
  /** Called after each handler invocation (see the local runtime's option). */
  /** Milliseconds between expiry sweeps (TTL, lifecycle); 0 = only when a test calls `runtime.expiry.sweep()`. */
  expirySweepMs?: number;
  onInvoke?: LocalRuntimeOptions['onInvoke'];
  log?: (line: string) => void;
}

export interface DsrLocal {
  runtime: LocalRuntime;
  apiUrl: string;
  mailboxUrl: string;
  /** Where mail for the privacy address is accepted (SMTP); absent on the LocalStack variant. */
  smtpPort?: number;
  webhookSecret: string;
  adminToken: string;
  /** Local names of the resources, read from the template. */
  resources: {
    requestsTable: string;
    exportBucket: string;
    mediaBucket: string;
    storeTables: Partial<Record<StoreId, string>>;
    workflowArn: string;
    watchArn: string;
  };
  stop(): Promise<void>;
}

/** The `StoreLocations` output: table names by store id, and the media bucket. */
type StoreLocations = NonNullable<KiaraDataPlaneProps['existing']> & { tables: Partial<Record<StoreId, string>> };

const templates = new Map<string, CfnTemplate>();

/** The DSR stack's template, synthesized once per process and settings (bundling skipped). */
export function dsrTemplate(stackProps: Partial<DsrStackProps> = {}): CfnTemplate {
  const key = JSON.stringify(stackProps);
  if (!templates.has(key)) templates.set(key, synthesizeTemplate((app) => buildApp(app, stackProps).stack));
  return templates.get(key)!;
}

/** A port of 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Reads local resource names from the stack's own outputs, as a deployment's user reads them. */
function readResources(template: CfnTemplate, runtime: LocalRuntime): DsrLocal['resources'] {
  const output = (name: string): string => {
    const value = template.Outputs?.[name]?.Value;
    if (value === undefined) throw new Error(`The template has no output ${name}`);
    return String(runtime.resolve(value));
  };
  const stores: StoreLocations = JSON.parse(output('StoreLocations'));
  return {
    requestsTable: output('RequestsTableName'),
    exportBucket: output('ExportBucketName'),
    mediaBucket: stores.mediaBucket,
    storeTables: stores.tables,
    workflowArn: output('StateMachineArn'),
    watchArn: output('DeadlineWatchArn'),
  };
}

/**
 * The whole DSR system on this machine: the synthesized stack on the local runtime, with
 * the webhook secret, the admin token and the public URLs the handlers need, and the
 * demo users' data in every store. `npm start` and the workflow tests both use this.
 */
export async function startDsrLocal(options: DsrLocalOptions = {}): Promise<DsrLocal> {
  // The API's port is chosen before the stack is synthesized (its links name it), so another
  // process can take it before the API listens (parallel test workers): choose again.
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await freePort());
    try {
      return await startDsrLocalOn(port, options);
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!taken || options.port || attempt === PORT_ATTEMPTS) throw error;
    }
  }
}

/** How often startDsrLocal chooses another free port when the one it chose was taken. */
const PORT_ATTEMPTS = 3;

async function startDsrLocalOn(port: number, options: DsrLocalOptions): Promise<DsrLocal> {
  const apiBase = localApiUrl(port);
  const webhookSecret = options.webhookSecret ?? DEV_WEBHOOK_SECRET;
  const adminToken = options.adminToken ?? DEV_ADMIN_TOKEN;
  // Demo Art. 19 contacts unless the caller sets its own.
  const template = dsrTemplate({ recipientContacts: { ...DEV_RECIPIENT_CONTACTS }, ...options.stackProps });
  // Handlers run in this process; their logger and metrics read these at import.
  process.env.LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL;
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const runtime = await startLocalRuntime({
    template,
    prefix: 'kiara',
    port,
    sesPort: options.sesPort ?? 0,
    smtpPort: options.smtpPort ?? 0,
    rootDir: REPO_ROOT,
    adminToken,
    waitTimeOverrides: options.waitTimeOverrides,
    retryIntervalOverrides: options.retryIntervalOverrides,
    // The privacy console at /console (its sign-in is prefilled only with the dev token).
    extraRoutes: withConsole(options.extraRoutes, adminToken === DEV_ADMIN_TOKEN ? adminToken : undefined, options.log),
    onInvoke: options.onInvoke,
    expirySweepMs: options.expirySweepMs,
    faults: options.faults,
    crashAfter: options.crashAfter,
    mailClaimLeaseMs: options.mailClaimLeaseMs,
    log: options.log,
    envOverrides: {
      // The secrets themselves, where AWS would read them from Secrets Manager.
      ...({ WEBHOOK_SECRETS: webhookSecret, REQUEST_ID_KEY: DEV_REQUEST_ID_KEY } satisfies Partial<EnvironmentOf<typeof intakeContract>>),
      PUBLIC_API_URL: apiBase,
      CONSOLE_URL: `${apiBase}/console`,
      // The LocalStack variant has no authorizer: its admin Lambda checks the token itself.
      ...(options.stackProps?.target === 'localstack' ? { ADMIN_TOKEN: adminToken } : {}),
      ...options.env,
    },
  });
  const resources = readResources(template, runtime);
  if (options.seed !== false) {
    await seedDemoData({ tables: resources.storeTables, bucket: resources.mediaBucket });
  }
  return {
    runtime,
    apiUrl: runtime.apiUrl,
    mailboxUrl: runtime.mailboxUrl,
    smtpPort: runtime.smtpPort,
    webhookSecret,
    adminToken,
    resources,
    stop: () => runtime.stop(),
  };
}

/** The caller's extra routes first, then the privacy console. */
function withConsole(extra: DsrLocalOptions['extraRoutes'], devToken: string | undefined, log?: (line: string) => void) {
  const serveConsole = consoleRoute({ devToken, log });
  return (req: IncomingMessage, res: ServerResponse) => (extra?.(req, res) ?? false) || serveConsole(req, res);
}
