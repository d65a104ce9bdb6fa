import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { SESServiceException } from '@aws-sdk/client-ses';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { crashInvocation, invocationCrashed, invokingFunction } from '../lambda-host.js';
import type { FaultSpec } from './spec.js';

/**
 * Fails the handlers' AWS calls as AWS fails them, at the SDK layer: a middleware on each
 * shared client, in the deserialize step, so that it runs once per attempt inside the
 * SDK's own retries (as a throttle or a 500 from the service would) and never for a
 * presigned URL (the presigner stops before that step). Only calls made inside a handler
 * invocation are touched, and a failed call never reaches the emulator: faults change no
 * state. `crash` kills the invocation after one of its calls succeeded, so the side
 * effect is done and the handler never learns of it.
 */

export type FaultedService = 'dynamodb' | 's3' | 'ses';

interface AwsFault {
  name: string;
  status: number;
  message: string;
}

/** What a call that never got an answer ends with: the Node.js HTTP handler's timeout. */
const TIMEOUT: AwsFault = { name: 'TimeoutError', status: 0, message: 'Connection timed out after 3000 ms' };

/** The errors each service documents for throttling and its own faults. */
const SERVICE_FAULTS: Record<FaultedService, readonly AwsFault[]> = {
  dynamodb: [
    { name: 'ProvisionedThroughputExceededException', status: 400, message: 'The level of configured provisioned throughput for the table was exceeded.' },
    { name: 'ThrottlingException', status: 400, message: 'Rate of requests exceeds the allowed throughput.' },
    { name: 'InternalServerError', status: 500, message: 'Internal server error' },
    TIMEOUT,
  ],
  s3: [
    { name: 'InternalError', status: 500, message: 'We encountered an internal error. Please try again.' },
    { name: 'SlowDown', status: 503, message: 'Please reduce your request rate.' },
    TIMEOUT,
  ],
  ses: [
    { name: 'Throttling', status: 400, message: 'Maximum sending rate exceeded.' },
    { name: 'MessageRejected', status: 400, message: 'Email address is not verified.' },
    TIMEOUT,
  ],
};

const EXCEPTION_CLASS = { dynamodb: DynamoDBServiceException, s3: S3ServiceException, ses: SESServiceException };

function toError(service: FaultedService, fault: AwsFault): Error {
  if (fault.status === 0) return Object.assign(new Error(fault.message), { name: fault.name, code: 'ETIMEDOUT', $metadata: {} });
  return new EXCEPTION_CLASS[service]({
    name: fault.name,
    message: fault.message,
    $fault: fault.status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: fault.status, requestId: 'injected-fault' },
  });
}

/** Counts by `service:ErrorName` and `crash`, for soak reports. */
export type FaultCounts = Record<string, number>;

/** A handler's AWS call that succeeded, as `crashAfter` sees it. */
export interface SucceededCall {
  functionLogicalId: string;
  service: FaultedService | 'states';
  /** The API operation, e.g. PutItem. */
  operation: string;
  input: Record<string, any>;
}

export interface FaultOptions {
  /** Also kills the invocation after each call this picks: one crash at one place, for a test. */
  crashAfter?: (call: SucceededCall) => boolean;
}

export interface FaultInjector {
  readonly counts: FaultCounts;
  /** Each call after which an invocation was killed (e.g. to tell a SendEmail that SES accepted before its Lambda died). */
  readonly crashes: SucceededCall[];
  /** Changes the rates from the next call on (the PRNG goes on from where it is). */
  setSpec(spec: FaultSpec): void;
  uninstall(): void;
}

type Next = (args: { input: Record<string, any> }) => Promise<unknown>;
interface Stack {
  add(middleware: (next: Next, context: { commandName?: string }) => Next, options: Record<string, unknown>): void;
  remove(name: string): boolean;
}

const NAME = 'localRuntimeFaults';

/** Installs the faults on the given clients (the handlers' shared ones), keyed by service. */
export function installFaults(
  spec: FaultSpec,
  clients: Record<FaultedService | 'states', { middlewareStack: unknown }>,
  options: FaultOptions = {},
): FaultInjector {
  let current = spec;
  const rng = xoroshiro128plus(spec.seed);
  const chance = (rate: number) => rate > 0 && uniformFloat64(rng) < rate;
  const pick = <T>(items: readonly T[]) => items[Math.floor(uniformFloat64(rng) * items.length)]!;
  const counts: FaultCounts = {};
  const count = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);

  const crashes: SucceededCall[] = [];
  const succeededCall = (service: FaultedService | 'states', commandName: string | undefined, input: Record<string, any>): SucceededCall => ({
    functionLogicalId: invokingFunction()!.logicalId,
    service,
    operation: (commandName ?? '').replace(/Command$/, ''),
    input,
  });

  const middleware = (service: FaultedService | 'states') => (next: Next, context: { commandName?: string }) => async (args: { input: Record<string, any> }) => {
    if (!invokingFunction()) return next(args);
    // A dead invocation's code does nothing more: its calls never leave.
    if (invocationCrashed()) return new Promise(() => {});
    if (service !== 'states' && chance(current.rates[service])) {
      const fault = pick(SERVICE_FAULTS[service]);
      count(`${service}:${fault.name}`);
      throw toError(service, fault);
    }
    const result = await next(args);
    const call = succeededCall(service, context.commandName, args.input);
    const crash = chance(current.rates.crash) || (options.crashAfter?.(call) ?? false);
    if (crash && crashInvocation()) {
      count('crash');
      crashes.push(call);
      // The dead invocation's code never goes on: this call's caller waits forever.
      return new Promise(() => {});
    }
    return result;
  };

  const stacks = Object.entries(clients).map(([service, client]) => {
    const stack = client.middlewareStack as Stack;
    stack.add(middleware(service as FaultedService | 'states'), { step: 'deserialize', priority: 'high', name: NAME, override: true });
    return stack;
  });
  return { counts, crashes, setSpec: (next) => (current = next), uninstall: () => stacks.forEach((stack) => stack.remove(NAME)) };
}
