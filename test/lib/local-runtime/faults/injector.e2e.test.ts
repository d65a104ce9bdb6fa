import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailerHost } from '../../../functions/shared/fixture/mailer-host.js';
import { documentClient, s3Client, sesClient, sfnClient } from '../../../../functions/shared/aws-clients.js';
import { DynamoRequestsRepo } from '../../../../functions/shared/requests-repo.js';
import { createDemoStores } from '../../../../lib/demo/index.js';
import { startLocalAws } from '../../../../lib/demo/local-aws.js';
import { installFaults } from '../../../../lib/local-runtime/faults/injector.js';
import { parseFaultSpec } from '../../../../lib/local-runtime/faults/spec.js';
import type { LambdaHost } from '../../../../lib/local-runtime/lambda-host.js';

/**
 * The injector on the handlers' real clients against the emulators, with a Lambda that
 * sends an email once (the fixture of test/workflow/mail-once.test.ts), invoked one at a
 * time so that each call gets its draw in order.
 */
const clients = () => ({ dynamodb: documentClient(), s3: s3Client(), ses: sesClient(), states: sfnClient() });

let stop: () => Promise<void>;
let host: LambdaHost;
let repo: DynamoRequestsRepo;

beforeAll(async () => {
  const emulators = await startLocalAws();
  stop = () => emulators.stop();
  const table = (await createDemoStores('faults-')).requestsTable;
  repo = new DynamoRequestsRepo(table);
  host = mailerHost(table);
});
afterAll(async () => {
  await host?.idle();
  await stop?.();
});

/** Invokes the mailer for `count` new requests under the spec; each outcome, and the faults counted. */
async function run(spec: string, prefix: string, count: number) {
  const faults = installFaults(parseFaultSpec(spec)!, clients());
  const outcomes: string[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      outcomes.push(await host.invoke('Mailer', { requestId: `dsr_${prefix}${i}` }).then(String, (error: Error) => error.name));
    }
  } finally {
    faults.uninstall();
  }
  return { outcomes, counts: { ...faults.counts } };
}

describe('fault injection', () => {
  it('fails calls with the services’ own errors, repeatably for one seed, and another seed draws differently', async () => {
    const spec = 'dynamodb=0.3,ses=0.3,crash=0.1,seed=42';
    const first = await run(spec, 'a', 12);
    const again = await run(spec, 'b', 12);
    expect(again).toEqual(first);
    expect(first.outcomes).toContain('true');
    expect(first.outcomes.some((outcome) => outcome !== 'true')).toBe(true);
    for (const key of Object.keys(first.counts)) {
      expect(['dynamodb:ProvisionedThroughputExceededException', 'dynamodb:ThrottlingException', 'dynamodb:InternalServerError', 'dynamodb:TimeoutError', 'ses:Throttling', 'ses:MessageRejected', 'ses:TimeoutError', 'crash']).toContain(key);
    }
    expect((await run('dynamodb=0.3,ses=0.3,crash=0.1,seed=43', 'c', 12)).counts).not.toEqual(first.counts);
  });

  it('never touches calls made outside an invocation', async () => {
    const faults = installFaults(parseFaultSpec('dynamodb=1,seed=1')!, clients());
    try {
      await expect(repo.sentMails('dsr_outside')).resolves.toEqual([]);
      expect(faults.counts).toEqual({});
    } finally {
      faults.uninstall();
    }
  });
});
