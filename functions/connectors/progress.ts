import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requestKeys } from '../core/request/keys.js';
import { documentClient } from '../shared/aws-clients.js';
import { laterDate } from './retention.js';
import type { StoreResult } from './store-result.js';
import type { Action, StepOutcome } from './types.js';

export type { StoreResult };

/**
 * A part's record in the requests table once done (while an invocation works on it, its
 * `PartClaim`). Counts and keys only.
 */
export interface ProgressItem extends StepOutcome {
  storeId: string;
  action: Action;
  part: number;
  at: string;
}

/** Which part of which store's work. */
export type PartId = Pick<ProgressItem, 'storeId' | 'action' | 'part'>;

/** The table key of a part's record. */
export function partKey(requestId: string, part: PartId): { pk: string; sk: string } {
  return { pk: requestKeys.pk(requestId), sk: requestKeys.storePart(part.storeId, part.action, part.part) };
}

/** The record of a part already done, if any. */
export async function readProgress(
  table: string,
  requestId: string,
  part: PartId,
  db: DynamoDBDocumentClient = documentClient(),
): Promise<ProgressItem | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: table,
      Key: partKey(requestId, part),
      ConsistentRead: true,
    }),
  );
  return Item as ProgressItem | undefined;
}

/**
 * Sums the progress records of a request into one result per store and action. A part not
 * yet done (at work, or given up and not yet retried) adds what its erase counted so far.
 */
export async function readStoreResults(
  requestsTable: string,
  requestId: string,
  db: DynamoDBDocumentClient = documentClient(),
): Promise<StoreResult[]> {
  const results = new Map<string, StoreResult & { columnSet: Set<string> }>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: requestsTable,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': requestKeys.pk(requestId), ':prefix': requestKeys.storePrefix() },
        ExclusiveStartKey: startKey,
      }),
    );
    // Sort keys carry the zero-padded part number, so parts arrive in order.
    for (const item of (page.Items ?? []) as ProgressItem[]) {
      const id = `${item.storeId}#${item.action}`;
      let result = results.get(id);
      if (!result) {
        result = { storeId: item.storeId, action: item.action, items: 0, bytes: 0, retained: 0, parts: [], columns: [], columnSet: new Set() };
        results.set(id, result);
      }
      result.items += item.items;
      result.bytes += item.bytes;
      result.retained += item.retained ?? 0;
      result.retainedUntil = laterDate(result.retainedUntil, item.retainedUntil);
      if (item.exportKey) result.parts.push(item.exportKey);
      for (const column of item.columns ?? []) result.columnSet.add(column);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return [...results.values()].map(({ columnSet, ...result }) => ({ ...result, columns: [...columnSet].sort() }));
}
