import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { applyIdentityPauses } from '../../functions/core/deadlines/index.js';
import { requestKeys } from '../../functions/core/request/keys.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { journeyOn } from './journey.js';
import { onLocalStack, startEmbedded } from './target.js';

// The interpretive setting of gdpr-rules §3, switched on for this runtime only.
const session = journeyOn(() => startEmbedded({ seed: false, env: { IDENTITY_PAUSE: 'true' } }));

// Embedded only: the setting is switched on for this runtime's handlers alone.
describe.skipIf(onLocalStack)('identity pause (setting on)', () => {
  it('moves the legal deadline by the days Kiara waited for the confirmation; the strict date stays', async () => {
    const email = 'pause@example.org';
    const requestId = await session.flow.submit({ type: 'access', email });
    await session.flow.identityLink(requestId, email);
    // Kiara asked three days ago (the clock cannot be moved, so the request's step is).
    const askedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await documentClient().send(
      new UpdateCommand({
        TableName: session.target.local!.resources.requestsTable,
        Key: { pk: requestKeys.pk(requestId), sk: requestKeys.step('verify_identity') },
        UpdateExpression: 'SET createdAt = :at',
        ExpressionAttributeValues: { ':at': askedAt },
      }),
    );
    const before = await session.flow.detail(requestId);
    await session.flow.confirmIdentity(requestId, email);
    const after = await session.flow.waitFor(requestId, (r) => (r.audit as any[]).some((e) => e.type === 'identity_pause'), 'pause recorded');

    const expected = applyIdentityPauses(
      { receivedAt: before.receivedAt, receiptDate: before.receiptDate, ...before.deadlines },
      [{ start: askedAt, end: new Date().toISOString() }],
      { identityPause: true },
    );
    expect(after.deadlines.initial.strict).toBe(before.deadlines.initial.strict);
    expect(after.deadlines.initial.legal).toBe(expected.initial.legal);
    expect(after.deadlines.initial.legal > before.deadlines.initial.legal).toBe(true);
    expect(after.deadline).toBe(expected.initial.legal);
  });
});
