import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NORMALIZED_EMAIL_ATTRIBUTE, normalizeEmail, type Correction, type StoreDefinition } from '../core/inventory/index.js';
import { documentClient } from '../shared/aws-clients.js';

/** The store no longer holds the old value of a correction: someone changed it since. */
export class StaleCorrectionError extends Error {
  constructor(readonly storeId: string) {
    super(`The ${storeId} store no longer holds the old value of the correction`);
  }
}

/**
 * Writes the corrections of one store in one conditional update of the account's item:
 * only while every attribute still holds its old value, so a stale correction changes
 * nothing. A changed email address carries its normalised form (the index the subject
 * is found by) along. When the item already holds every corrected value (the same
 * corrections written by an earlier try whose caller died before recording them), nothing
 * is written again: `already_applied`. Any other value is stale.
 */
export async function writeCorrections(
  store: StoreDefinition,
  table: string,
  accountId: string,
  corrections: readonly Correction[],
  client: DynamoDBDocumentClient = documentClient(),
): Promise<'applied' | 'already_applied'> {
  if (store.location.kind !== 'dynamodb' || !store.location.rectifiableItem) {
    throw new Error(`Store "${store.id}" has no item a correction writes`);
  }
  const { partitionKey, sortKey, rectifiableItem } = store.location;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const conditions: string[] = [];
  const set = (attribute: string, value: unknown) => {
    const i = sets.length;
    names[`#s${i}`] = attribute;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  };
  corrections.forEach((correction, i) => {
    names[`#c${i}`] = correction.field;
    values[`:c${i}`] = correction.from;
    conditions.push(`#c${i} = :c${i}`);
    set(correction.field, correction.to);
    if (correction.field === 'email' && typeof correction.to === 'string') set(NORMALIZED_EMAIL_ATTRIBUTE, normalizeEmail(correction.to));
  });
  const Key = { [partitionKey]: accountId, [sortKey]: rectifiableItem };
  try {
    await client.send(
      new UpdateCommand({
        TableName: table,
        Key,
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return 'applied';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const { Item } = await client.send(new GetCommand({ TableName: table, Key, ConsistentRead: true }));
  if (Item && corrections.every((correction) => Item[correction.field] === correction.to)) return 'already_applied';
  throw new StaleCorrectionError(store.id);
}
