import { StandardRetryStrategy } from '@smithy/core/retry';
import { invokingFunction } from './lambda-host.js';

/** The part of an SDK client's resolved config that picks its retry strategy for each call. */
interface RetryConfigured {
  config: { retryStrategy: () => Promise<unknown>; maxAttempts: () => Promise<number> };
}

/**
 * Gives each Lambda sandbox its own SDK retry quota on the handlers' shared clients.
 *
 * In standard mode a client's retries draw on a quota (500 tokens; a retry costs 5 to 14, a
 * call that ends well gives some back). In AWS each sandbox has clients of its own, so a
 * quota is spent only by the calls of the invocations that ran in that sandbox. Here every
 * handler shares one client per service (functions/shared/aws-clients.ts): under sustained
 * faults one quota for all of them runs dry, and then no call of any function is retried,
 * which never happens in AWS. The retry middleware asks the config for its strategy on every
 * call, so the strategy of the calling invocation's sandbox answers; calls made outside any
 * invocation keep the client's own.
 */
export function installSandboxRetryQuotas(clients: Record<string, RetryConfigured>): () => void {
  const restores = Object.entries(clients).map(([service, client]) => {
    const shared = client.config.retryStrategy;
    const key = `retry-quota:${service}`;
    client.config.retryStrategy = async () => {
      const sandbox = invokingFunction()?.sandbox;
      if (!sandbox) return shared();
      let strategy = sandbox.state.get(key);
      if (!strategy) {
        strategy = new StandardRetryStrategy(client.config.maxAttempts);
        sandbox.state.set(key, strategy);
      }
      return strategy;
    };
    return () => {
      client.config.retryStrategy = shared;
    };
  });
  return () => restores.forEach((restore) => restore());
}
