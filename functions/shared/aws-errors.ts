/**
 * The errors AWS services answer when a later call may succeed: throttling (each
 * service's own name), 5xx and timeouts. Names are the SDK's error names.
 */
export const TRANSIENT_AWS_ERROR_NAMES = [
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalError',
  'ServiceUnavailable',
  'SlowDown',
  'Throttling',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
] as const;

const TRANSIENT_NAMES = new Set<string>(TRANSIENT_AWS_ERROR_NAMES);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** True for throttling, 5xx and network failures: the SDK already retried, a later call may succeed. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  return (
    TRANSIENT_NAMES.has(error.name) ||
    Boolean(meta.$retryable) ||
    (meta.$metadata?.httpStatusCode ?? 0) >= 500 ||
    (meta.code !== undefined && TRANSIENT_CODES.has(meta.code))
  );
}
