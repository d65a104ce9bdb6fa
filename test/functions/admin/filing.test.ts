import { describe, expect, it } from 'vitest';
import { fileRequest } from '../../../functions/admin/filing.js';
import type { TeamFiling } from '../../../functions/core/intake/team-filing.js';
import type { IntakeOutcome, NewDelivery } from '../../../functions/intake/accept.js';
import { aRequest } from '../shared/request-record.js';

const actor = 'alice@kiara-api.com';
const letter: TeamFiling = {
  types: ['access'],
  email: 'jane@example.com',
  channel: 'letter',
  locale: 'nl',
  receivedAt: '2026-06-15T10:00:00+02:00',
  name: 'Jane',
  identity: 'verified',
  note: 'The letter quotes her account number.',
};

/** The intake use case as the filing sees it: records the delivery, answers `outcome`. */
function intake(outcome: (delivery: NewDelivery) => IntakeOutcome) {
  const deliveries: NewDelivery[] = [];
  const accept = async (delivery: NewDelivery) => {
    deliveries.push(delivery);
    return outcome(delivery);
  };
  return { accept, deliveries };
}

describe('the team’s own filing (use case over the intake)', () => {
  it('files the stated request with who filed it and how the identity was checked, and answers its deadlines', async () => {
    const filed = aRequest({ requestId: 'dsr_letter', duplicateOf: undefined });
    const { accept, deliveries } = intake(() => ({ accepted: true, request: filed }));
    const answer = await fileRequest(accept, letter, actor, 'key-1');
    expect(deliveries[0]).toMatchObject({
      deliveryKey: 'team:key-1',
      contactEmail: 'jane@example.com',
      draft: { types: ['access'], channel: 'letter', locale: 'nl', receivedAt: letter.receivedAt, name: 'Jane', filing: { filedBy: actor, identity: 'verified', note: letter.note } },
      auditDetails: { filedBy: actor, identity: 'verified', ground: null },
    });
    // The reply address and the team's note are stored only where the intake puts them.
    expect(deliveries[0]!.draft).not.toHaveProperty('email');
    expect(deliveries[0]!.draft).not.toHaveProperty('note');
    expect(answer).toEqual({
      requestId: 'dsr_letter',
      receivedAt: filed.receivedAt,
      receiptDate: filed.receiptDate,
      deadline: filed.deadlines.initial.legal,
      deadlines: filed.deadlines,
      duplicateOf: null,
    });
  });

  it('gives a retried POST the same delivery key, and each POST without a key its own', async () => {
    const { accept, deliveries } = intake(() => ({ accepted: true, request: aRequest({ requestId: 'dsr_key' }) }));
    await fileRequest(accept, letter, actor, 'key-2');
    await fileRequest(accept, letter, actor, 'key-2');
    await fileRequest(accept, letter, actor, undefined);
    await fileRequest(accept, letter, actor, undefined);
    const keys = deliveries.map((delivery) => delivery.deliveryKey);
    expect(keys[0]).toBe(keys[1]);
    expect(new Set(keys).size).toBe(3);
    expect(deliveries[0]!.fingerprint).toBe(deliveries[1]!.fingerprint);
  });

  it('answers 422 for an Idempotency-Key reused with another filing, and 429 over the address’s limit', async () => {
    await expect(fileRequest(intake(() => ({ accepted: false, keyReused: true })).accept, letter, actor, 'key-3')).rejects.toMatchObject({
      status: 422,
      code: 'idempotency_key_reused',
    });
    await expect(fileRequest(intake(() => ({ accepted: false, retryAfter: 120 })).accept, letter, actor, 'key-4')).rejects.toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: expect.stringContaining('120 s'),
    });
  });
});
