import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestKeys } from '../../../functions/core/request/keys.js';
import { documentClient } from '../../../functions/shared/aws-clients.js';
import { DynamoRequestsRepo } from '../../../functions/shared/requests-repo.js';
import { createDemoStores } from '../../../lib/demo/index.js';
import { startLocalAws } from '../../../lib/demo/local-aws.js';

/**
 * An audit event's key is its time plus 4 random bytes, so two events never meet by
 * chance. To prove the table refuses a second write of one key, this file (and only
 * this one: vitest runs each file in its own process) can pin those bytes.
 */
const pinned = vi.hoisted(() => ({ suffix: undefined as Buffer | undefined }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const randomBytes = ((size: number, ...rest: unknown[]) =>
    pinned.suffix && size === pinned.suffix.length && rest.length === 0
      ? Buffer.from(pinned.suffix)
      : (actual.randomBytes as (...args: unknown[]) => unknown)(size, ...rest)) as typeof actual.randomBytes;
  return { ...actual, default: { ...actual, randomBytes }, randomBytes };
});

let stop: () => Promise<void>;
let repo: DynamoRequestsRepo;
let table: string;

beforeAll(async () => {
  const emulators = await startLocalAws();
  stop = () => emulators.stop();
  table = (await createDemoStores('audit-')).requestsTable;
  repo = new DynamoRequestsRepo(table);
});
afterAll(async () => stop?.());

const requestId = 'dsr_auditonce';
const at = '2026-06-15T10:00:00.000Z';
const eventKey = { pk: requestKeys.pk(requestId), sk: requestKeys.event(at, '0badcafe') };
const stored = async () => (await documentClient().send(new GetCommand({ TableName: table, Key: eventKey, ConsistentRead: true }))).Item;

describe('RequestsRepo.audit on the emulator', () => {
  it('refuses a second event with the same key and leaves the first as it was', async () => {
    pinned.suffix = Buffer.from('0badcafe', 'hex');
    try {
      await repo.audit(requestId, { type: 'decision', actor: 'alice@kiara-api.com', at, details: { step: 'review', decision: 'approve' } });
      const first = await stored();
      expect(first).toMatchObject({ type: 'decision', actor: 'alice@kiara-api.com', at });

      const second = repo.audit(requestId, { type: 'decision', actor: 'mallory@kiara-api.com', at, details: { step: 'review', decision: 'reject' } });
      await expect(second).rejects.toBeInstanceOf(ConditionalCheckFailedException);
      expect(JSON.stringify(await stored())).toBe(JSON.stringify(first));
    } finally {
      pinned.suffix = undefined;
    }
    expect(await repo.auditTrail(requestId)).toEqual([
      { type: 'decision', actor: 'alice@kiara-api.com', at, details: { step: 'review', decision: 'approve' } },
    ]);
  });

  it('keeps two events of the same instant apart by their random suffix', async () => {
    await repo.audit(requestId, { type: 'email_sent', actor: 'workflow', at, details: { kind: 'reply' } });
    const trail = await repo.auditTrail(requestId);
    expect(trail).toHaveLength(2);
    expect(trail).toContainEqual({ type: 'decision', actor: 'alice@kiara-api.com', at, details: { step: 'review', decision: 'approve' } });
  });
});
