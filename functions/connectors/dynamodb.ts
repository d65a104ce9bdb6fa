import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { StoreDefinition } from '../core/inventory/index.js';
import { documentClient } from '../shared/aws-clients.js';
import { batchWrite } from './batch-write.js';
import type { SortKey } from './cursor.js';
import { JsonlPart } from './jsonl-part.js';
import { exportKeys } from './keys.js';
import { isoDate, laterDate, retainedUntil } from './retention.js';
import type { ConnectorSettings } from './settings.js';
import type { Connector, Job, StepOutcome } from './types.js';

type Item = Record<string, unknown>;

export interface DynamoDbConnectorConfig {
  table: string;
  exportBucket: string;
  settings: ConnectorSettings;
  client?: DynamoDBDocumentClient;
}

/** A store whose items of one account share a partition (`accountId`), ordered by `sk`. */
export class DynamoDbPartitionConnector implements Connector {
  private readonly db: DynamoDBDocumentClient;
  private readonly partitionKey: string;
  private readonly sortKey: string;

  constructor(
    readonly store: StoreDefinition,
    private readonly config: DynamoDbConnectorConfig,
  ) {
    if (store.location.kind !== 'dynamodb') throw new Error(`Store "${store.id}" is not a DynamoDB store`);
    this.partitionKey = store.location.partitionKey;
    this.sortKey = store.location.sortKey;
    this.db = config.client ?? documentClient();
  }

  async collect(job: Job): Promise<StepOutcome> {
    const part = new JsonlPart(this.config.exportBucket, exportKeys.part(job.requestId, this.store.id, job.position.part, job.invocation), {
      signal: job.budget.signal,
    });
    try {
      const after = await this.pages(job, undefined, (items) => part.write(items));
      return { ...(await part.close()), done: after === undefined, after };
    } catch (error) {
      await part.abort();
      throw error;
    }
  }

  async erase(job: Job): Promise<StepOutcome> {
    const rule = this.store.erasure;
    if (rule.action === 'retain') {
      // Art. 17(3): nothing is deleted; the report says how much is kept and until when.
      let retained = 0;
      let newest: string | undefined;
      const after = await this.pages(job, [this.sortKey, rule.dateAttribute], async (items) => {
        retained += items.length;
        for (const item of items) newest = laterDate(newest, isoDate(item[rule.dateAttribute]));
      });
      return {
        items: 0,
        bytes: 0,
        retained,
        retainedUntil: newest && retainedUntil(newest, rule.retainYears, rule.countFrom),
        done: after === undefined,
        after,
      };
    }
    const after = await this.pages(job, [this.partitionKey, this.sortKey], async (keys) => {
      await job.ledger.recordPage(keys.map((key) => key[this.sortKey] as SortKey));
      await batchWrite(
        this.config.table,
        keys.map((Key) => ({ DeleteRequest: { Key } })),
        { concurrency: this.config.settings.eraseConcurrency, client: this.db, signal: job.budget.signal },
      );
    });
    return { items: job.ledger.items, bytes: 0, done: after === undefined, after };
  }

  /**
   * Pages through the account's partition from the job's position, reading one page ahead
   * while the current one is handled, until the partition ends or the budget runs out.
   * Returns the sort key to resume after, or undefined when the partition is done.
   */
  private async pages(
    job: Job,
    attributes: string[] | undefined,
    handle: (items: Item[]) => Promise<void>,
  ): Promise<SortKey | undefined> {
    const names = attributes && Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name]));
    const query = (after: SortKey | undefined): Promise<QueryCommandOutput> => {
      const page = this.db.send(
        new QueryCommand({
          TableName: this.config.table,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': this.partitionKey, ...names },
          ExpressionAttributeValues: { ':pk': job.accountId },
          ProjectionExpression: names && Object.keys(names).join(', '),
          ExclusiveStartKey:
            after === undefined ? undefined : { [this.partitionKey]: job.accountId, [this.sortKey]: after },
          Limit: this.config.settings.pageSize,
          // A deletion or an export must see every write acknowledged before it started.
          ConsistentRead: true,
        }),
        { abortSignal: job.budget.signal },
      );
      page.catch(() => undefined); // a read-ahead may be abandoned when handling fails
      return page;
    };
    let pending = query(job.position.after);
    for (;;) {
      const page = await pending;
      const last = page.LastEvaluatedKey?.[this.sortKey] as SortKey | undefined;
      const more = last !== undefined && !job.budget.exhausted();
      if (more) pending = query(last);
      await handle(page.Items ?? []);
      if (!more) return last;
    }
  }
}
