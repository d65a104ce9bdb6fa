import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NORMALIZED_EMAIL_ATTRIBUTE, normalizeEmail, storeById } from '../../core/inventory/index.js';
import type { AccountMatch } from '../../core/request/subject.js';
import { documentClient } from '../../shared/aws-clients.js';

/**
 * Finds Kiara accounts in the account store: by id (a dashboard filing), or by a verified
 * address whatever the case the account was stored with.
 */
export class AccountFinder {
  private readonly emailIndex: string;
  private readonly normalizedEmailIndex: string;

  constructor(
    private readonly table: string,
    private readonly db = documentClient(),
  ) {
    const location = storeById('account').location;
    if (location.kind !== 'dynamodb' || !location.emailIndex || !location.normalizedEmailIndex) {
      throw new Error('account store needs its email indexes');
    }
    this.emailIndex = location.emailIndex;
    this.normalizedEmailIndex = location.normalizedEmailIndex;
  }

  async byId(accountId: string): Promise<AccountMatch | undefined> {
    return this.first({
      KeyConditionExpression: 'accountId = :id',
      FilterExpression: 'attribute_exists(email)',
      ExpressionAttributeValues: { ':id': accountId },
    });
  }

  /**
   * The normalised index finds `Ada@Example.com` for `ada@example.com`; an item that does
   * not carry the normalised attribute yet (written before Kiara's account service did)
   * is found by the exact index, which holds the lower-cased addresses Kiara's sign-up writes.
   */
  async byEmail(address: string): Promise<AccountMatch | undefined> {
    const email = normalizeEmail(address);
    return (
      (await this.first({
        IndexName: this.normalizedEmailIndex,
        KeyConditionExpression: '#normalized = :email',
        ExpressionAttributeNames: { '#normalized': NORMALIZED_EMAIL_ATTRIBUTE },
        ExpressionAttributeValues: { ':email': email },
        Limit: 1,
      })) ??
      (await this.first({
        IndexName: this.emailIndex,
        KeyConditionExpression: 'email = :email',
        ExpressionAttributeValues: { ':email': email },
        Limit: 1,
      }))
    );
  }

  private async first(query: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<AccountMatch | undefined> {
    const { Items } = await this.db.send(new QueryCommand({ TableName: this.table, ...query }));
    const item = Items?.[0];
    return item ? { accountId: String(item.accountId), email: String(item.email) } : undefined;
  }
}
