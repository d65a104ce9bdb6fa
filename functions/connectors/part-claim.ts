import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../shared/aws-clients.js';
import { sortsAfter, type SortKey } from './cursor.js';
import { StoreUnavailableError } from './errors.js';
import { partKey, readProgress, type PartId, type ProgressItem } from './progress.js';
import type { EraseLedger } from './types.js';

/** The part's record while an invocation holds it: which one, and what the erase counted so far. */
interface OpenPart {
  claimedBy: string;
  items: number;
  bytes: number;
  /** The last key counted: every key up to it is in `items`, deleted or about to be. */
  through?: SortKey;
}

const takenOver = () => new StoreUnavailableError('A later invocation took the part over; its retry records it');

/**
 * One invocation's hold on one part of a store's work, kept in the part's record. An
 * invocation given up by its early timeout may still have calls in flight; claiming the
 * part fences them off, as each later write of the record is conditional on holding the
 * claim. An erase records each page before any of its deletes is sent, so the claim also
 * takes over what earlier runs of the part counted: keys up to `through`, some of them
 * gone already, are counted there and not again. Every write sets totals, never adds, so
 * one the SDK retries after a lost answer changes nothing. (A given-up run's own claim, in
 * flight when it was given up, could still land after the retry's: the retry then fails
 * as taken over and its retry claims the part again, counts intact.)
 */
export class PartClaim implements EraseLedger {
  private tally: Omit<OpenPart, 'claimedBy'>;

  private constructor(
    private readonly table: string,
    private readonly key: ReturnType<typeof partKey>,
    private readonly invocation: string,
    open: OpenPart,
    private readonly signal: AbortSignal | undefined,
    private readonly db: DynamoDBDocumentClient,
  ) {
    this.tally = { items: open.items, bytes: open.bytes, through: open.through };
  }

  /**
   * Claims the part for `invocation`, or answers its record when the part is done already
   * (the state machine retried after the answer was lost): that is replayed, not redone.
   */
  static async take(
    table: string,
    requestId: string,
    part: PartId,
    invocation: string,
    signal?: AbortSignal,
    db: DynamoDBDocumentClient = documentClient(),
  ): Promise<PartClaim | ProgressItem> {
    const key = partKey(requestId, part);
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: table,
          Key: key,
          UpdateExpression:
            'SET #claimedBy = :invocation, #storeId = :storeId, #action = :action, #part = :part, #items = if_not_exists(#items, :zero), #bytes = if_not_exists(#bytes, :zero)',
          ConditionExpression: 'attribute_not_exists(#done)',
          ExpressionAttributeNames: {
            '#claimedBy': 'claimedBy',
            '#storeId': 'storeId',
            '#action': 'action',
            '#part': 'part',
            '#items': 'items',
            '#bytes': 'bytes',
            '#done': 'done',
          },
          ExpressionAttributeValues: { ':invocation': invocation, ':storeId': part.storeId, ':action': part.action, ':part': part.part, ':zero': 0 },
          ReturnValues: 'ALL_NEW',
        }),
        { abortSignal: signal },
      );
      return new PartClaim(table, key, invocation, Attributes as OpenPart, signal, db);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const recorded = await readProgress(table, requestId, part, db);
      if (!recorded) throw error;
      return recorded;
    }
  }

  get items(): number {
    return this.tally.items;
  }

  get bytes(): number {
    return this.tally.bytes;
  }

  async recordPage(keys: readonly SortKey[], sizes: readonly number[] = []): Promise<void> {
    const last = keys.at(-1);
    if (last === undefined) return;
    let items = 0;
    let bytes = 0;
    keys.forEach((key, index) => {
      if (!sortsAfter(key, this.tally.through)) return;
      items += 1;
      bytes += sizes[index] ?? 0;
    });
    // A retry re-reads the pages an earlier run counted: `through` never moves back.
    const tally = {
      items: this.tally.items + items,
      bytes: this.tally.bytes + bytes,
      through: sortsAfter(last, this.tally.through) ? last : this.tally.through,
    };
    await this.held(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key,
          UpdateExpression: 'SET #items = :items, #bytes = :bytes, #through = :through',
          ConditionExpression: '#claimedBy = :invocation',
          ExpressionAttributeNames: { '#items': 'items', '#bytes': 'bytes', '#through': 'through', '#claimedBy': 'claimedBy' },
          ExpressionAttributeValues: { ':items': tally.items, ':bytes': tally.bytes, ':through': tally.through, ':invocation': this.invocation },
        }),
        { abortSignal: this.signal },
      ),
    );
    this.tally = tally;
  }

  /** Records the part done (still naming this invocation): later invocations of the part replay it. */
  async record(progress: ProgressItem): Promise<void> {
    await this.held(
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...this.key, ...progress, claimedBy: this.invocation },
          ConditionExpression: '#claimedBy = :invocation',
          ExpressionAttributeNames: { '#claimedBy': 'claimedBy' },
          ExpressionAttributeValues: { ':invocation': this.invocation },
        }),
        { abortSignal: this.signal },
      ),
    );
  }

  /** Awaits a write conditional on holding the claim. */
  private async held(write: Promise<unknown>): Promise<void> {
    try {
      await write;
    } catch (error) {
      throw error instanceof ConditionalCheckFailedException ? takenOver() : error;
    }
  }
}
