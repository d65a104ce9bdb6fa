import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isOpen, type RequestType } from '../core/request/model.js';
import { documentClient } from '../shared/aws-clients.js';
import type { RequestsRepo } from '../shared/requests-repo.js';

/** A claim whose request is not stored yet belongs to a delivery still in flight. */
const IN_FLIGHT_MS = 5 * 60_000;
/** Claims outlive any open request (3 months at most after an extension); TTL sweeps them. */
const CLAIM_TTL_SECONDS = 200 * 86_400;
/** Conditional writes that lose to another writer re-read and retry this often. */
const ATTEMPTS = 5;

export { personKey } from '../core/request/keys.js';

/**
 * Which open request holds each right of a person. A new request claims its rights; a
 * right held by another request that is still open (or still being stored) stays with
 * that one. Claims are never released: a closed holder is simply taken over, so the
 * workflow's Close step need not know about them.
 */
export class OpenRequests {
  constructor(
    private readonly table: string,
    private readonly repo: RequestsRepo,
    private readonly db = documentClient(),
  ) {}

  /**
   * Claims every right for `requestId`. When other open requests already hold all of
   * them, returns those (the new request repeats them and their replies answer it);
   * otherwise an empty list: the request is needed, even if it overlaps in part.
   */
  async claim(person: string, types: readonly RequestType[], requestId: string): Promise<string[]> {
    const holders = await Promise.all(types.map((type) => this.claimOne(person, type, requestId)));
    return holders.every((holder) => holder !== undefined) ? [...new Set(holders)] : [];
  }

  /** Claims one right; returns the other open request holding it, if any. */
  private async claimOne(person: string, type: RequestType, requestId: string): Promise<string | undefined> {
    const key = { pk: `PERSON#${person}`, sk: `OPEN#${type}` };
    // First as if the right were free (or ours already): one write for most requests.
    let expected = requestId;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: {
              ...key,
              requestId,
              claimedAt: new Date().toISOString(),
              expiresAtEpoch: Math.floor(Date.now() / 1000) + CLAIM_TTL_SECONDS,
            },
            // Taken over only from the holder last read, so two takers cannot both win.
            ConditionExpression: 'attribute_not_exists(pk) OR requestId = :expected',
            ExpressionAttributeValues: { ':expected': expected },
          }),
        );
        return undefined;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
      const holder = Item?.requestId as string | undefined;
      if (holder && holder !== requestId && (await this.isLive(holder, String(Item!.claimedAt)))) return holder;
      expected = holder ?? requestId;
    }
    // Still contended: the request is kept rather than merged; at worst two replies go out.
    return undefined;
  }

  private async isLive(requestId: string, claimedAt: string): Promise<boolean> {
    const request = await this.repo.find(requestId);
    return request ? isOpen(request.status) : Date.now() - Date.parse(claimedAt) < IN_FLIGHT_MS;
  }
}
