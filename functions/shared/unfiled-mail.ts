import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { unfiledMailKeys } from '../core/request/keys.js';
import { documentClient } from './aws-clients.js';
import type { UnfiledMail, UnfiledMailList, UnfiledMailRepo } from './ports/unfiled-mail.js';

/** How many entries the team's queue reads: a flood beyond it shows as `more`. */
const LIST_LIMIT = 200;

/** Unfiled mail in one partition of the requests table; the entries hold no personal data. */
export class DynamoUnfiledMail implements UnfiledMailRepo {
  constructor(
    private readonly table: string,
    private readonly db = documentClient(),
  ) {}

  async record(mail: UnfiledMail): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: unfiledMailKeys.pk, sk: unfiledMailKeys.sk(mail.mailId), ...mail } }));
  }

  async list(): Promise<UnfiledMailList> {
    const { Items, LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': unfiledMailKeys.pk },
        Limit: LIST_LIMIT,
      }),
    );
    const items = (Items ?? [])
      .map(({ mailId, objectKey, receivedAt, senderKnown, flags }) => ({ mailId, objectKey, receivedAt, senderKnown, flags }) as UnfiledMail)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    return { items, more: LastEvaluatedKey !== undefined };
  }
}
