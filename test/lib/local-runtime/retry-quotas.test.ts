import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient, s3Client, sesClient, sfnClient } from '../../../functions/shared/aws-clients.js';
import { installFaults } from '../../../lib/local-runtime/faults/injector.js';
import { parseFaultSpec } from '../../../lib/local-runtime/faults/spec.js';
import { LambdaHost } from '../../../lib/local-runtime/lambda-host.js';
import { fixtureFunction } from './helpers.js';
import { installSandboxRetryQuotas } from '../../../lib/local-runtime/retry-quotas.js';

const rootDir = fileURLToPath(new URL('../../..', import.meta.url));
const fn = (logicalId: string) => fixtureFunction(logicalId, 's3-caller', 60);

// Every S3 call fails with a retryable error before it leaves the process (no emulator is needed).
const uninstall: Array<() => void> = [];
beforeAll(() => {
  process.env.AWS_REGION ??= 'eu-west-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  const clients = { dynamodb: documentClient(), s3: s3Client(), ses: sesClient(), states: sfnClient() };
  uninstall.push(installSandboxRetryQuotas(clients));
  const faults = installFaults(parseFaultSpec('s3=1,seed=7')!, clients);
  uninstall.push(() => faults.uninstall());
});
afterAll(() => uninstall.reverse().forEach((undo) => undo()));


describe('SDK retry quotas in the local runtime', () => {
  it('are one per sandbox, as each Lambda sandbox has its own clients: failing calls spend their function’s quota, not another function’s or another sandbox’s', async () => {
    const host = new LambdaHost([fn('Drainer'), fn('Other')], { rootDir, envOverrides: {} });
    // 60 calls at once whose every try fails spend a 500-token quota (a retry costs 5 to 14):
    // the first are retried, the last find it empty and fail at their first try.
    const drained = (await host.invoke('Drainer', { calls: 60 })) as number[];
    expect(drained.filter((attempts) => attempts > 1).length).toBeGreaterThan(0);
    expect(drained.filter((attempts) => attempts === 1).length).toBeGreaterThan(0);
    // The next invocation of the same function runs in the same warm sandbox: its quota is spent.
    expect(await host.invoke('Drainer', { calls: 1 })).toEqual([1]);
    // Another function's sandbox, and a second sandbox of the same function (two invocations at
    // once), still retry each call to the standard mode's 3 attempts.
    expect(await host.invoke('Other', { calls: 1 })).toEqual([3]);
    const [first, second] = (await Promise.all([host.invoke('Drainer', { calls: 1 }), host.invoke('Drainer', { calls: 1 })])) as number[][];
    expect([...first!, ...second!].sort()).toEqual([1, 3]);
  }, 60_000);
});
