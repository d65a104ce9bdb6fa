import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { journey } from './journey.js';
import { startTarget, type DsrTarget } from './target.js';

/**
 * The person a reply speaks of is the person Kiara holds data on: found however the
 * account store spells the address.
 */
let target: DsrTarget;
let flow: ReturnType<typeof journey>;

beforeAll(async () => {
  target = await startTarget();
  flow = journey(target);
});
afterAll(async () => target?.stop());

/** An account as Kiara's account service writes it, with the address as the person typed it at sign-up. */
async function putAccount(accountId: string, email: string) {
  await documentClient().send(
    new PutCommand({
      TableName: target.resources.storeTables.account!,
      Item: { accountId, sk: 'profile', email, emailNormalized: email.trim().toLowerCase(), displayName: 'Carla', locale: 'en' },
    }),
  );
}

describe('finding the subject', () => {
  it('finds an account stored as Carla@Example.com for a request from carla@example.com', async () => {
    await putAccount('acct_mixedcase01', 'Carla@Example.com');
    const requestId = await flow.reachReview({ type: 'access', email: 'carla@example.com' });
    expect(await flow.detail(requestId)).toMatchObject({ status: 'awaiting_review', subjectFound: true });
  });
});
