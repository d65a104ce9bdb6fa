import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../shared/aws-clients.js';
import { newRequestId } from '../shared/tokens.js';

const IDEMPOTENCY_HOURS = 24;

/**
 * Maps a delivery to its request id, once: the first delivery of a key claims a new id,
 * repeats (retries, concurrent duplicates) within 24 hours get the same one. The key is
 * the `Idempotency-Key` header, else the signed body itself, stored only as a hash.
 */
export class DeliveryIds {
  constructor(
    private readonly table: string,
    private readonly db = documentClient(),
  ) {}

  private key(deliveryKey: string) {
    return { pk: `IDEMP#${createHash('sha256').update(deliveryKey).digest('hex')}`, sk: 'IDEMP' };
  }

  /** The request id of this delivery; `fresh` when this call claimed it. */
  async claim(deliveryKey: string): Promise<{ requestId: string; fresh: boolean }> {
    const candidate = newRequestId();
    const now = Math.floor(Date.now() / 1000);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...this.key(deliveryKey), requestId: candidate, expiresAtEpoch: now + IDEMPOTENCY_HOURS * 3600 },
          // An expired record may still exist until DynamoDB's TTL sweep removes it.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAtEpoch < :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return { requestId: candidate, fresh: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.table, Key: this.key(deliveryKey), ConsistentRead: true }),
      );
      return { requestId: String(Item!.requestId), fresh: false };
    }
  }

  /** Gives a claimed id back (the delivery was refused), so nothing of it remains. */
  async release(deliveryKey: string, requestId: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.table,
          Key: this.key(deliveryKey),
          ConditionExpression: 'requestId = :id',
          ExpressionAttributeValues: { ':id': requestId },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
