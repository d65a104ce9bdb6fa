import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { mailerHost } from './fixture/mailer-host.js';
import { documentClient, s3Client, sesClient, sfnClient } from '../../../functions/shared/aws-clients.js';
import { DynamoRequestsRepo } from '../../../functions/shared/requests-repo.js';
import { MAIL_CLAIM_LEASE_MS } from '../../../functions/shared/mailer.js';
import { createDemoStores } from '../../../lib/demo/index.js';
import { startLocalAws } from '../../../lib/demo/local-aws.js';
import { installFaults, type FaultInjector } from '../../../lib/local-runtime/faults/injector.js';
import { NO_FAULTS } from '../../../lib/local-runtime/faults/spec.js';
import type { LambdaHost } from '../../../lib/local-runtime/lambda-host.js';
import { readMailbox } from '../../../lib/local-runtime/mailbox.js';

/**
 * sendOnce under a Lambda that dies at the worst moment: the fixture Lambda runs on the
 * local runtime's host with its real clients, against the emulators, and the fault
 * injector kills its invocation right after the once-only marker was written.
 */
const LEASE_MS = MAIL_CLAIM_LEASE_MS;

let stop: () => Promise<void>;
let mailboxUrl: string;
let host: LambdaHost;
let repo: DynamoRequestsRepo;
let faults: FaultInjector;
const crashes = new Set<string>();

beforeAll(async () => {
  const emulators = await startLocalAws();
  mailboxUrl = emulators.endpoints.ses;
  const table = (await createDemoStores('mailonce-')).requestsTable;
  repo = new DynamoRequestsRepo(table);
  host = mailerHost(table);
  // Dies once for the crash test's request, right after its marker's put succeeded, before SES is called.
  faults = installFaults(NO_FAULTS, { dynamodb: documentClient(), s3: s3Client(), ses: sesClient(), states: sfnClient() }, {
    crashAfter: ({ operation, input }) => {
      const marker = operation === 'PutItem' && String(input.Item?.sk?.S).startsWith('MAIL#') && String(input.Item?.pk?.S).includes('dsr_crashedsend') ? String(input.Item.pk.S) : undefined;
      if (!marker || crashes.has(marker)) return false;
      crashes.add(marker);
      return true;
    },
  });
  stop = () => emulators.stop();
});
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  faults?.uninstall();
  await host?.idle();
  await stop?.();
});

const mailsOf = async (requestId: string) => (await readMailbox(mailboxUrl)).filter((mail) => mail.subject.includes(requestId));

describe('sendOnce when the Lambda dies between its claim and the send (crash injection)', () => {
  it('never reports the unsent email as sent: a retry within the lease fails (to be retried), one after it sends, once', async () => {
    const requestId = 'dsr_crashedsend';
    await expect(host.invoke('Mailer', { requestId })).rejects.toMatchObject({ name: 'Runtime.ExitError' });
    expect(faults.counts.crash).toBe(1);
    expect(await mailsOf(requestId)).toHaveLength(0);
    expect(await repo.sentMails(requestId)).toEqual([]);

    // The step's retry comes while the dead invocation could, for all anyone knows, still send.
    await expect(host.invoke('Mailer', { requestId })).rejects.toMatchObject({ name: 'MailSendInProgressError' });
    expect(await mailsOf(requestId)).toHaveLength(0);

    // After the lease no Lambda that claimed it can still be running: the retry takes over.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + LEASE_MS + 1_000);
    await expect(host.invoke('Mailer', { requestId })).resolves.toBe(true);
    await expect(host.invoke('Mailer', { requestId })).resolves.toBe(false);
    expect(await mailsOf(requestId)).toHaveLength(1);
    expect(await repo.sentMails(requestId)).toEqual(['acknowledgement']);
    expect((await repo.auditTrail(requestId)).filter((event) => event.type === 'email_sent')).toHaveLength(1);
  });
});

describe('sendOnce when DynamoDB fails the marker’s update after SES accepted (client middleware forces the error)', () => {
  it('tries the update again, so the email is marked sent and never resent after the lease', async () => {
    const requestId = 'dsr_markerfails';
    // The DynamoDB client's attempts per call in standard mode (its first try and 3 retries).
    const SDK_ATTEMPTS = 4;
    let failed = 0;
    const stack = documentClient().middlewareStack as unknown as {
      add(middleware: unknown, options: Record<string, unknown>): void;
      remove(name: string): boolean;
    };
    // Every attempt of the first SDK call of the marker's update fails, as after the SDK's own retries.
    stack.add(
      (next: (args: { input: Record<string, any> }) => Promise<unknown>, context: { commandName?: string }) =>
        async (args: { input: Record<string, any> }) => {
          const marker = context.commandName === 'UpdateItemCommand' && String(args.input.Key?.sk?.S).startsWith('MAIL#') && String(args.input.Key?.pk?.S).includes(requestId);
          if (marker && failed < SDK_ATTEMPTS) {
            failed += 1;
            throw new DynamoDBServiceException({ name: 'InternalServerError', message: 'Internal server error', $fault: 'server', $metadata: { httpStatusCode: 500 } });
          }
          return next(args);
        },
      { step: 'deserialize', priority: 'high', name: 'failMarkerUpdate' },
    );
    try {
      await expect(host.invoke('Mailer', { requestId })).resolves.toBe(true);
    } finally {
      stack.remove('failMarkerUpdate');
    }
    expect(failed).toBe(SDK_ATTEMPTS);
    expect(await repo.sentMails(requestId)).toEqual(['acknowledgement']);
    expect(await mailsOf(requestId)).toHaveLength(1);
  });
});
