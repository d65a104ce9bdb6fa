import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { requestKeys } from '../core/request/keys.js';
import { documentClient } from './aws-clients.js';
import type { MessagesRepo, ReceivedMessage } from './ports/messages-repo.js';

/** Replies kept with their request; the retention purge deletes them with its partition. */
export class DynamoMessagesRepo implements MessagesRepo {
  constructor(
    private readonly table: string,
    private readonly db = documentClient(),
  ) {}

  /** Stores a message once; false when this mail id was stored before (a repeated delivery). */
  async add(requestId: string, message: ReceivedMessage): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: requestKeys.pk(requestId), sk: requestKeys.message(message.mailId), ...message },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async list(requestId: string): Promise<ReceivedMessage[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': requestKeys.pk(requestId), ':prefix': requestKeys.messagePrefix },
      }),
    );
    return (Items ?? [])
      .map(({ pk: _pk, sk: _sk, ...message }) => message as ReceivedMessage)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }
}
