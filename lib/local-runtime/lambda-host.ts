import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Resolve } from './intrinsics.js';
import type { Naming } from './naming.js';
import { resourcesOfType, type CfnTemplate } from './template.js';

/** What a function module under `functions/` exports (see the `DsrEntry` contract). */
type Handler = (event: unknown, context: LambdaContext) => Promise<unknown>;
interface HandlerModule {
  createHandler?: (env: Record<string, string>) => Handler;
}

interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

export interface LocalFunction {
  logicalId: string;
  name: string;
  arn: string;
  /** Source module relative to the repository root; functions without one cannot run locally. */
  entry?: string;
  timeoutSeconds: number;
  memorySize: number;
  /** Environment.Variables with intrinsics resolved (only for functions with an entry). */
  environment: Record<string, string>;
}

/** One finished invocation, as `onInvoke` reports it. */
export interface InvocationRecord {
  logicalId: string;
  name: string;
  memorySize: number;
  /** Wall time of the handler call, from the call to its settling; the one-time module import is not in it. */
  durationMs: number;
  failed: boolean;
}

/**
 * A warm execution environment of one function. Lambda runs each concurrent invocation in
 * a sandbox of its own and gives the next invocation an idle one; what a handler keeps in
 * module scope (its SDK clients, and so their retry quota) lives in its sandbox. Here every
 * handler shares this process, so state AWS keeps per sandbox is kept in `state`.
 */
export interface Sandbox {
  readonly id: number;
  readonly state: Map<string, unknown>;
}

/** The function whose handler is running, as `invokingFunction()` reports it. */
export interface InvokingFunction {
  logicalId: string;
  name: string;
  arn: string;
  sandbox: Sandbox;
}

const invoking = new AsyncLocalStorage<InvokingFunction>();

/**
 * The function whose invocation the current code runs in (handlers run in this process),
 * or undefined outside any invocation. SDK middleware can use it to attribute a call to
 * the function that made it: everything a handler awaits or starts inherits it.
 */
export function invokingFunction(): InvokingFunction | undefined {
  return invoking.getStore();
}

interface InvocationControl {
  crashed: boolean;
  kill(): void;
}

const control = new AsyncLocalStorage<InvocationControl>();

/**
 * Kills the current invocation as a crash or a timeout kills a Lambda: it fails with
 * `Runtime.ExitError` whatever its code would have done next; what it already did stays
 * done. False outside an invocation or when it is already dead (fault injection uses it).
 */
export function crashInvocation(): boolean {
  const current = control.getStore();
  if (!current || current.crashed) return false;
  current.crashed = true;
  current.kill();
  return true;
}

/** Whether the current invocation was killed: its code may still run, but no longer acts. */
export function invocationCrashed(): boolean {
  return control.getStore()?.crashed ?? false;
}

/** The error fields the Lambda Node.js runtime reports for a thrown error. */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export function describeError(error: unknown): LambdaErrorPayload {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: 'Error', errorMessage: String(error), trace: [] };
}

/** Reads every AWS::Lambda::Function of the template. */
export function readFunctions(template: CfnTemplate, naming: Naming, resolve: Resolve): LocalFunction[] {
  return resourcesOfType(template, 'AWS::Lambda::Function').map(([logicalId, resource]) => {
    const props = resource.Properties ?? {};
    const entry = typeof resource.Metadata?.DsrEntry === 'string' ? resource.Metadata.DsrEntry : undefined;
    const variables = (props.Environment as { Variables?: unknown } | undefined)?.Variables ?? {};
    // Helper functions CDK adds (custom resources, log retention) never run locally, and
    // their environments may use intrinsics the runtime does not know.
    const environment = entry
      ? (resolve(variables, `AWS::Lambda::Function ${logicalId} Environment.Variables`) as Record<string, string>)
      : {};
    return {
      logicalId,
      name: naming.name(logicalId),
      arn: naming.arn(logicalId),
      entry,
      timeoutSeconds: typeof props.Timeout === 'number' ? props.Timeout : 3,
      memorySize: typeof props.MemorySize === 'number' ? props.MemorySize : 128,
      environment: Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)])),
    };
  });
}

/**
 * Runs the template's functions in this process: each module is imported once and its
 * handler created once with the function's environment (plus overrides), like a warm
 * Lambda container; every invocation gets a fresh context whose remaining time counts
 * down from the function's Timeout.
 */
export class LambdaHost {
  private readonly handlers = new Map<string, Promise<Handler>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Per function, the sandboxes no invocation runs in now. */
  private readonly warmSandboxes = new Map<string, Sandbox[]>();
  private sandboxes = 0;

  constructor(
    readonly functions: readonly LocalFunction[],
    private readonly options: {
      rootDir: string;
      envOverrides: Record<string, string>;
      onInvoke?: (invocation: InvocationRecord) => void;
    },
  ) {}

  /** Finds a function by logical id, local name, or ARN (a version or alias suffix is ignored). */
  find(ref: string): LocalFunction | undefined {
    const name = ref.startsWith('arn:') ? ref.split(':')[6] : ref;
    return this.functions.find((fn) => fn.name === name || fn.logicalId === name);
  }

  /** Invokes a function with `event`; a thrown error propagates as the handler threw it. */
  invoke(ref: string, event: unknown): Promise<unknown> {
    const invocation = this.run(ref, event);
    this.inFlight.add(invocation);
    const forget = () => this.inFlight.delete(invocation);
    invocation.then(forget, forget);
    return invocation;
  }

  /** Settles when no invocation is running, so that stopping the emulators breaks none. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async run(ref: string, event: unknown): Promise<unknown> {
    const fn = this.find(ref);
    if (!fn) throw Object.assign(new Error(`Function not found: ${ref}`), { name: 'ResourceNotFoundException' });
    const warm = this.warmSandboxes.get(fn.logicalId) ?? [];
    this.warmSandboxes.set(fn.logicalId, warm);
    const sandbox = warm.pop() ?? { id: (this.sandboxes += 1), state: new Map() };
    try {
      // The module's import and handler creation count as the function's own work too.
      const result = await invoking.run({ logicalId: fn.logicalId, name: fn.name, arn: fn.arn, sandbox }, () => this.call(fn, event));
      warm.push(sandbox);
      return result;
    } catch (error) {
      // Lambda discards a sandbox whose runtime exited; one whose handler threw is reused.
      if ((error as Error | undefined)?.name !== 'Runtime.ExitError') warm.push(sandbox);
      throw error;
    }
  }

  private async call(fn: LocalFunction, event: unknown): Promise<unknown> {
    const handler = await this.handler(fn);
    const deadline = Date.now() + fn.timeoutSeconds * 1000;
    const requestId = randomUUID();
    const context: LambdaContext = {
      functionName: fn.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: fn.arn,
      memoryLimitInMB: String(fn.memorySize),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.name}`,
      logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    const { onInvoke } = this.options;
    if (!onInvoke) return this.killable(handler, event, context);
    const started = performance.now();
    const report = (failed: boolean) =>
      onInvoke({ logicalId: fn.logicalId, name: fn.name, memorySize: fn.memorySize, durationMs: performance.now() - started, failed });
    try {
      const result = await this.killable(handler, event, context);
      report(false);
      return result;
    } catch (error) {
      report(true);
      throw error;
    }
  }

  /** Runs the handler so that crashInvocation() can end it early, as Lambda ends a crashed sandbox. */
  private killable(handler: Handler, event: unknown, context: LambdaContext): Promise<unknown> {
    let kill!: () => void;
    const killed = new Promise<never>((_, reject) => {
      kill = () =>
        reject(
          Object.assign(new Error(`RequestId: ${context.awsRequestId} Error: Runtime exited with error: signal: killed`), {
            name: 'Runtime.ExitError',
          }),
        );
    });
    const current: InvocationControl = { crashed: false, kill };
    return Promise.race([control.run(current, () => handler(event, context)), killed]);
  }

  private handler(fn: LocalFunction): Promise<Handler> {
    let handler = this.handlers.get(fn.logicalId);
    if (!handler) {
      handler = this.load(fn);
      this.handlers.set(fn.logicalId, handler);
      // A failed import is reported on every call until fixed, not cached as a rejection.
      handler.catch(() => this.handlers.delete(fn.logicalId));
    }
    return handler;
  }

  private async load(fn: LocalFunction): Promise<Handler> {
    if (!fn.entry) {
      throw new Error(`Function ${fn.logicalId} has no DsrEntry metadata, so it cannot run locally`);
    }
    const url = pathToFileURL(path.resolve(this.options.rootDir, fn.entry)).href;
    const mod = (await import(url)) as HandlerModule;
    if (typeof mod.createHandler !== 'function') {
      throw new Error(`${fn.entry} (function ${fn.logicalId}) does not export createHandler(env)`);
    }
    return mod.createHandler({ ...fn.environment, ...this.options.envOverrides });
  }
}
