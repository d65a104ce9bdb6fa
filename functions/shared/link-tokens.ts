import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './aws-clients.js';
import { hashToken, isLinkToken, newToken } from './tokens.js';

/** What a link token opens: the identity confirmation or a package download. */
export type LinkPurpose = 'verify' | 'download';

export interface LinkRecord {
  purpose: LinkPurpose;
  requestId: string;
  expiresAt: string;
  usedAt?: string;
  /** For downloads: the package's key in the export bucket. */
  objectKey?: string;
  /** For downloads: which link of the request this is; only the request's current one opens. */
  linkId?: string;
}

const key = (purpose: LinkPurpose, hash: string) => ({ pk: `LINK#${purpose}#${hash}`, sk: 'LINK' });

/**
 * Tokens in emailed links. The token is random (256 bits) and only its SHA-256 is stored,
 * so a leaked table never yields a working link; each record expires.
 */
export class LinkTokens {
  constructor(
    private readonly table: string,
    private readonly db = documentClient(),
  ) {}

  async issue(record: Omit<LinkRecord, 'usedAt'>): Promise<string> {
    const { token, hash } = newToken();
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...key(record.purpose, hash),
          ...record,
          // Removed by DynamoDB TTL a month after expiry; the expiry check is ours.
          expiresAt: record.expiresAt,
          expiresAtEpoch: Math.floor(Date.parse(record.expiresAt) / 1000) + 30 * 86400,
        },
      }),
    );
    return token;
  }

  async find(purpose: LinkPurpose, token: string): Promise<LinkRecord | undefined> {
    if (!isLinkToken(token)) return undefined;
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: key(purpose, hashToken(token)), ConsistentRead: true }),
    );
    return Item as LinkRecord | undefined;
  }

  /** Marks a single-use token used; false when it was used already. */
  async markUsed(purpose: LinkPurpose, token: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(purpose, hashToken(token)),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':now': new Date().toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
