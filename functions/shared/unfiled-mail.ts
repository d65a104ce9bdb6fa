import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unfiledMailKeys } from '../core/request/keys.js';
import { documentClient } from './aws-clients.js';
import type { UnfiledMail, UnfiledMailClearance, UnfiledMailList, UnfiledMailRepo } from './ports/unfiled-mail.js';

/** How many entries the team's queue reads: a flood beyond it shows as `more`. */
const LIST_LIMIT = 200;

/**
 * Unfiled mail in one partition of the requests table; the entries hold no personal data.
 * A cleared entry stays, with who cleared it, when and why, and is no longer listed.
 */
export class DynamoUnfiledMail implements UnfiledMailRepo {
  constructor(
    private readonly table: string,
    private readonly db = documentClient(),
  ) {}

  async record(mail: UnfiledMail): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: unfiledMailKeys.pk, sk: unfiledMailKeys.sk(mail.mailId), ...mail },
        // A repeated delivery of a mail already cleared leaves the clearance as it is.
        ConditionExpression: 'attribute_not_exists(clearedAt)',
      }),
    ).catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }

  async list(): Promise<UnfiledMailList> {
    const { Items, LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'attribute_not_exists(clearedAt)',
        ExpressionAttributeValues: { ':pk': unfiledMailKeys.pk },
        Limit: LIST_LIMIT,
      }),
    );
    const items = (Items ?? [])
      .map(({ mailId, objectKey, receivedAt, senderKnown, flags }) => ({ mailId, objectKey, receivedAt, senderKnown, flags }) as UnfiledMail)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    return { items, more: LastEvaluatedKey !== undefined };
  }

  async clear(mailId: string, clearance: UnfiledMailClearance): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: unfiledMailKeys.pk, sk: unfiledMailKeys.sk(mailId) },
          UpdateExpression: 'SET clearedBy = :by, clearedAt = :at, note = :note',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(clearedAt)',
          ExpressionAttributeValues: { ':by': clearance.clearedBy, ':at': clearance.clearedAt, ':note': clearance.note },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
