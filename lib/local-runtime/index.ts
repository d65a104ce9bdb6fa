import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readRoutes } from './api-gateway/routes.js';
import { startApiGateway } from './api-gateway/server.js';
import { startEmulators, type Emulators } from './emulators.js';
import type { LocalServer } from './http-util.js';
import { documentClient, s3Client, sesClient, sfnClient } from '../../functions/shared/aws-clients.js';
import { installFaults, type FaultCounts, type FaultOptions, type SucceededCall } from './faults/injector.js';
import { MAIL_CLAIM_LEASE_MS, setMailClaimLease } from '../../functions/shared/mailer.js';
import { NO_FAULTS, type FaultSpec } from './faults/spec.js';
import { createResolver } from './intrinsics.js';
import { LambdaHost, readFunctions, type InvocationRecord } from './lambda-host.js';
import { createNaming } from './naming.js';
import { provision } from './provision.js';
import { installSandboxRetryQuotas } from './retry-quotas.js';
import { readReceiptRoutes, startSmtpListener } from './smtp.js';
import { ExpirySweeper } from './expiry.js';
import { LocalStepFunctions } from './step-functions/executions.js';
import { startSfnServer } from './step-functions/server.js';
import { loadStateMachines } from './step-functions/state-machines.js';
import { statesTimeoutErrorFactory } from './step-functions/states-timeout.js';
import type { CfnTemplate } from './template.js';

export { clearMailbox, readMailbox, type MailboxEmail } from './mailbox.js';
export type { ExpirySweeper } from './expiry.js';
export { synthesizeTemplate } from './synth.js';
export type { ExecutionDescription, ExecutionListItem, ExecutionStatus, LocalStepFunctions } from './step-functions/executions.js';
export type { HistoryEvent } from './step-functions/history.js';
export { invokingFunction, type InvocationRecord, type InvokingFunction } from './lambda-host.js';
export type { PendingCallback } from './step-functions/callbacks.js';
export type { ProxyEvent } from './api-gateway/proxy-event.js';
export type { CfnTemplate } from './template.js';
export { describeFaultSpec, parseFaultSpec, FaultSpecError, type FaultSpec } from './faults/spec.js';
export { installFaults, type FaultCounts, type SucceededCall } from './faults/injector.js';

export interface LocalRuntimeOptions {
  /** The synthesized CloudFormation template (see synthesizeTemplate). */
  template: CfnTemplate;
  /** Prefix of every local resource name: `${prefix}-${logicalId}`. Default 'dsr'. */
  prefix?: string;
  /** Port of the API; 0 (default) = any free port. */
  port?: number;
  /** Port of the SES emulator and its mailbox page; 0 (default) = any free port. */
  sesPort?: number;
  /** Port of the SMTP listener for the template's SES receipt rules; 0 (default) = any free port. */
  smtpPort?: number;
  /** Default eu-west-1. */
  region?: string;
  /** Where `DsrEntry` paths start. Default the current directory. */
  rootDir?: string;
  /** Environment variables given to every handler on top of its template environment. */
  envOverrides?: Record<string, string>;
  /** Bearer token accepted on authorized API methods. Default: a random token (see LocalRuntime.adminToken). */
  adminToken?: string;
  /** requestContext.authorizer.claims of authorized API requests. */
  adminClaims?: Record<string, string>;
  /** Milliseconds to wait in the named Wait states instead of their real duration. */
  waitTimeOverrides?: Record<string, number>;
  /** Upper bound in milliseconds for every Wait state without an override. */
  maxWaitMs?: number;
  /** Milliseconds between retries, by state name: a number or one per retrier. */
  retryIntervalOverrides?: Record<string, number | number[]>;
  /** Serves requests outside the API on the same port; returns true when it handled one. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Called after each handler invocation settles (API, Step Functions or invokeFunction), e.g. to meter Lambda time. */
  onInvoke?: (invocation: InvocationRecord) => void;
  /** Milliseconds between sweeps of TTL and lifecycle expiry (see `expiry`); 0 = only when called. Default 60 000. */
  expirySweepMs?: number;
  /**
   * Fails the handlers' AWS calls and kills invocations at these rates (see parseFaultSpec;
   * `DSR_FAULTS` for `npm start`). Default: none.
   */
  faults?: FaultSpec;
  /** Also kills the invocation after each call this picks (a test's one crash at one place). */
  crashAfter?: FaultOptions['crashAfter'];
  /**
   * Milliseconds an email claim (sendOnce's `sending` marker) is held before a retry may
   * take it over, instead of Lambda's 15-minute timeout: a test or soak with crashes then
   * need not wait a quarter of an hour. Default: the real lease.
   */
  mailClaimLeaseMs?: number;
  /** Receives progress and error lines. Default: silent. */
  log?: (line: string) => void;
}

export interface LocalRuntime {
  /** The template it runs (e.g. to read the IAM policies of the functions it hosts). */
  template: CfnTemplate;
  apiUrl: string;
  /** The SES emulator: its web mailbox at `/`, the mail store at `/store`. */
  mailboxUrl: string;
  /** The SMTP port of SES inbound mail (the template's receipt rules); absent without rules. */
  smtpPort?: number;
  adminToken: string;
  endpoints: { dynamodb: string; s3: string; ses: string; sfn: string };
  /** The local physical name of a template resource. */
  names(logicalId: string): string;
  /** The local ARN of a template resource. */
  arn(logicalId: string): string;
  /** Resolves CloudFormation intrinsics against the local names. */
  resolve(value: unknown): unknown;
  /** Invokes a function (logical id, local name or ARN) in process and returns its result. */
  invokeFunction(ref: string, event: unknown): Promise<unknown>;
  stepFunctions: LocalStepFunctions;
  /** DynamoDB TTL and S3 lifecycle expiry, swept on a clock tests can move. */
  expiry: ExpirySweeper;
  /** Faults injected so far by `service:ErrorName` and `crash`; empty without `faults`. */
  faultCounts: FaultCounts;
  /** The calls after which an injected crash killed the invocation, in order. */
  faultCrashes: readonly SucceededCall[];
  /** Changes the fault rates from the next call on; undefined = none (e.g. AWS recovered). */
  setFaults(spec: FaultSpec | undefined): void;
  /** Stops executions, servers and emulators, removes temporary files, restores process.env. */
  stop(): Promise<void>;
}

export const DEFAULT_ADMIN_CLAIMS: Readonly<Record<string, string>> = {
  sub: 'local-admin',
  email: 'privacy-team@localhost',
  'cognito:groups': 'privacy-team',
};

/**
 * Runs a synthesized template on this machine: DynamoDB, S3 and SES emulators in a child
 * process, the template's tables and buckets created there, its Lambda handlers in this
 * process, its state machines on aws-local-stepfunctions behind an SFN endpoint, and its
 * REST API on a local HTTP server. Sets the AWS_* variables of this process so that SDK
 * clients in handlers reach the emulators; one runtime per process at a time.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const elapsed = () => `${Math.round(performance.now() - started)} ms`;
  const { template } = options;
  const naming = createNaming(template, options.prefix ?? 'dsr', options.region ?? 'eu-west-1');
  const resolveAt = createResolver(template, naming);
  // Read everything from the template first: a template the runtime cannot run fails
  // before any process or port is taken.
  const lambda = new LambdaHost(readFunctions(template, naming, resolveAt), {
    rootDir: options.rootDir ?? process.cwd(),
    envOverrides: options.envOverrides ?? {},
    onInvoke: options.onInvoke,
  });
  const machines = loadStateMachines(template, naming, resolveAt);
  const routes = readRoutes(template, resolveAt);
  const timeoutError = await statesTimeoutErrorFactory();

  const cleanups: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const emulators: Emulators = await startEmulators({ sesPort: options.sesPort, log });
    cleanups.push(() => emulators.stop());
    log(`[runtime] emulators ready after ${elapsed()}`);

    const sfn = new LocalStepFunctions(machines, naming, lambda, timeoutError, {
      waitTimeOverrides: options.waitTimeOverrides,
      maxWaitMs: options.maxWaitMs,
      retryIntervalOverrides: options.retryIntervalOverrides,
      log,
    });
    const sfnServer: LocalServer = await startSfnServer(sfn);
    cleanups.push(() => sfnServer.close());
    const endpoints = { ...emulators.endpoints, sfn: sfnServer.url };
    cleanups.push(setProcessEnv(endpoints, naming.region));

    const clients = {
      dynamodb: new DynamoDBClient({ endpoint: endpoints.dynamodb }),
      s3: new S3Client({ endpoint: endpoints.s3, forcePathStyle: true }),
    };
    try {
      await provision(template, naming, resolveAt, clients);
    } finally {
      clients.dynamodb.destroy();
      clients.s3.destroy();
    }
    log(`[runtime] tables and buckets created after ${elapsed()}`);
    // On the handlers' shared clients, created now that they can reach the emulators.
    const handlerClients = { dynamodb: documentClient(), s3: s3Client(), ses: sesClient(), states: sfnClient() };
    cleanups.push(installSandboxRetryQuotas(handlerClients));
    const faults = installFaults(options.faults ?? NO_FAULTS, handlerClients, { crashAfter: options.crashAfter });
    cleanups.push(() => faults.uninstall());
    if (options.mailClaimLeaseMs !== undefined) {
      setMailClaimLease(options.mailClaimLeaseMs);
      cleanups.push(() => setMailClaimLease(MAIL_CLAIM_LEASE_MS));
    }
    // Executions end (and no new ones start) before the handlers' services go away.
    cleanups.push(async () => {
      await sfn.stop();
      await lambda.idle();
    });

    const receiptRoutes = readReceiptRoutes(template, resolveAt);
    let smtpPort: number | undefined;
    if (receiptRoutes.length > 0) {
      const s3 = new S3Client({ endpoint: endpoints.s3, forcePathStyle: true });
      const smtp = await startSmtpListener({
        port: options.smtpPort ?? 0,
        routes: receiptRoutes,
        s3,
        invoke: (functionArn, event) => lambda.invoke(functionArn, event),
        log,
      });
      cleanups.push(async () => {
        await smtp.close();
        s3.destroy();
      });
      smtpPort = smtp.port;
      log(`[runtime] SES inbound mail (SMTP) on port ${smtpPort}`);
    }

    const expiry = new ExpirySweeper(template, naming, {
      dynamodb: new DynamoDBClient({ endpoint: endpoints.dynamodb }),
      s3: new S3Client({ endpoint: endpoints.s3, forcePathStyle: true }),
    });
    const sweepMs = options.expirySweepMs ?? 60_000;
    if (sweepMs > 0) {
      const timer = setInterval(() => expiry.sweep().catch((error) => log(`[expiry] sweep failed: ${String(error)}`)), sweepMs);
      timer.unref();
      cleanups.push(() => clearInterval(timer));
    }

    const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
    const api = await startApiGateway(routes, lambda, {
      port: options.port ?? 0,
      adminToken,
      claims: options.adminClaims ?? { ...DEFAULT_ADMIN_CLAIMS },
      extraRoutes: options.extraRoutes,
      log,
    });
    cleanups.push(() => api.close());
    log(`[runtime] API on ${api.url}, mailbox on ${endpoints.ses}, ready after ${elapsed()}`);

    return {
      template,
      apiUrl: api.url,
      mailboxUrl: endpoints.ses,
      smtpPort,
      adminToken,
      endpoints,
      names: (logicalId) => naming.name(logicalId),
      arn: (logicalId) => naming.arn(logicalId),
      resolve: (value) => resolveAt(value, 'resolve()'),
      invokeFunction: (ref, event) => lambda.invoke(ref, event),
      stepFunctions: sfn,
      expiry,
      faultCounts: faults.counts,
      faultCrashes: faults.crashes,
      setFaults: (spec) => faults.setSpec(spec ?? NO_FAULTS),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Points the SDK clients of this process at the local endpoints (each SDK v3 client reads
 * AWS_ENDPOINT_URL_<SERVICE>); returns the function that restores the previous values.
 */
function setProcessEnv(endpoints: LocalRuntime['endpoints'], region: string): () => void {
  const values: Record<string, string | undefined> = {
    AWS_REGION: region,
    // s3rver accepts only these credentials; the other emulators accept any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_SESSION_TOKEN: undefined,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_SFN: endpoints.sfn,
  };
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  return () => apply(previous);
}
