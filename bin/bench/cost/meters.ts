/**
 * What the cost section counts while a request runs: Lambda invocations (the local
 * runtime's onInvoke), and DynamoDB capacity and S3 requests through middleware on the
 * handlers' shared SDK clients (functions/shared/aws-clients.ts), so every call a handler
 * makes is seen and nothing else is. The meter's own reads use separate clients.
 */
import { DescribeTableCommand, DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, s3Client } from '../../../functions/shared/aws-clients.js';
import type { InvocationRecord } from '../../../lib/local-runtime/index.js';

const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);
/** S3's "PUT, COPY, POST, LIST" price class; DELETE and abort are free; the rest is GET class. */
const S3_PUT_CLASS = new Set([
  'PutObjectCommand',
  'CopyObjectCommand',
  'CreateMultipartUploadCommand',
  'UploadPartCommand',
  'UploadPartCopyCommand',
  'CompleteMultipartUploadCommand',
  'ListObjectsCommand',
  'ListObjectsV2Command',
  'ListPartsCommand',
  'ListMultipartUploadsCommand',
]);
const S3_FREE = new Set(['DeleteObjectCommand', 'DeleteObjectsCommand', 'AbortMultipartUploadCommand']);

type Item = Record<string, unknown>;
interface Capacity {
  CapacityUnits?: number;
}

export interface Usage {
  invocations: InvocationRecord[];
  dynamodb: {
    reads: number;
    writes: number;
    readUnits: number;
    /** Table writes, as the emulator reports ConsumedCapacity (item size, like DynamoDB). */
    tableWriteUnits: number;
    /** Global secondary index writes, which the emulator does not report (see IndexWrites). */
    indexWriteUnits: number;
    /** Writes refused by their condition: DynamoDB still bills them (1 WRU each here). */
    failedConditions: number;
  };
  s3: { put: number; get: number; free: number; byCommand: Record<string, number> };
}

const emptyUsage = (): Usage => ({
  invocations: [],
  dynamodb: { reads: 0, writes: 0, readUnits: 0, tableWriteUnits: 0, indexWriteUnits: 0, failedConditions: 0 },
  s3: { put: 0, get: 0, free: 0, byCommand: {} },
});

const unitsOf = (capacity: Capacity | Capacity[] | undefined) =>
  [capacity ?? []].flat().reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);

export class UsageMeter {
  usage = emptyUsage();
  private readonly indexes: IndexWrites;

  constructor(endpoints: { dynamodb: string }) {
    this.indexes = new IndexWrites(endpoints.dynamodb);
  }

  /** Starts a new count (between requests). */
  reset(): void {
    this.usage = emptyUsage();
  }

  readonly onInvoke = (invocation: InvocationRecord) => {
    this.usage.invocations.push(invocation);
  };

  /** Adds the middleware to the shared clients; call once, after the runtime has started. */
  attach(): void {
    documentClient().middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? '';
        const read = READS.has(command);
        const write = WRITES.has(command);
        if (!read && !write) return next(args);
        const input = args.input as Item;
        const db = this.usage.dynamodb;
        const indexWrites = write ? await this.indexes.before(command, input) : undefined;
        try {
          const result = await next({ ...args, input: { ReturnConsumedCapacity: 'TOTAL', ...input } });
          const units = unitsOf((result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity);
          if (read) {
            db.reads += 1;
            // DynamoDB bills a Query or Scan at least 0.5 RRU (1 strongly consistent) even when
            // nothing matches; the emulator reports 0 then.
            db.readUnits += Math.max(units, input.ConsistentRead ? 1 : 0.5);
          } else {
            db.writes += 1;
            db.tableWriteUnits += units;
            if (indexWrites) db.indexWriteUnits += await indexWrites();
          }
          return result;
        } catch (error) {
          if (write && (error as Error).name === 'ConditionalCheckFailedException') {
            db.writes += 1;
            db.failedConditions += 1;
          }
          throw error;
        }
      },
      { step: 'initialize', name: 'benchCostDynamoDb' },
    );
    s3Client().middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? 'unknown';
        const s3 = this.usage.s3;
        s3.byCommand[command] = (s3.byCommand[command] ?? 0) + 1;
        if (S3_PUT_CLASS.has(command)) s3.put += 1;
        else if (S3_FREE.has(command)) s3.free += 1;
        else s3.get += 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchCostS3' },
    );
  }
}

interface TableShape {
  keys: string[];
  indexes: { name: string; keys: string[]; projected: (item: Item) => Item }[];
}

/**
 * DynamoDB bills a write once more for each global secondary index it changes (a put or
 * delete of the index entry, both when the index key changes). The emulator reports table
 * units only, so this reads the written items before and after each write (with its own
 * client, strongly consistent) and counts the index entries that changed, by their size.
 */
class IndexWrites {
  private readonly raw: DynamoDBClient;
  private readonly reader: DynamoDBDocumentClient;
  private readonly shapes = new Map<string, Promise<TableShape>>();

  constructor(endpoint: string) {
    this.raw = new DynamoDBClient({ endpoint });
    this.reader = DynamoDBDocumentClient.from(this.raw);
  }

  /** Reads the items a write will touch; the returned function counts the index writes after it. */
  async before(command: string, input: Item): Promise<(() => Promise<number>) | undefined> {
    const targets = await this.targets(command, input);
    if (targets.length === 0) return undefined;
    const before = await Promise.all(targets.map(({ table, key }) => this.get(table, key)));
    return async () => {
      let units = 0;
      for (const [i, { shape, table, key }] of targets.entries()) {
        const after = await this.get(table, key);
        for (const index of shape.indexes) units += indexEntryWrites(index, before[i], after);
      }
      return units;
    };
  }

  private async targets(command: string, input: Item) {
    const writes: { table: string; key?: Item; item?: Item }[] = [];
    if (command === 'BatchWriteItemCommand') {
      const requests = input.RequestItems as Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>;
      for (const [table, list] of Object.entries(requests)) {
        for (const request of list) writes.push({ table, key: request.DeleteRequest?.Key, item: request.PutRequest?.Item });
      }
    } else {
      writes.push({ table: input.TableName as string, key: input.Key as Item | undefined, item: input.Item as Item | undefined });
    }
    const targets = [];
    for (const write of writes) {
      const shape = await this.shape(write.table);
      if (shape.indexes.length === 0) continue;
      const key = write.key ?? pick(write.item!, shape.keys);
      targets.push({ shape, table: write.table, key });
    }
    return targets;
  }

  private async get(table: string, key: Item): Promise<Item | undefined> {
    return (await this.reader.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
  }

  private shape(table: string): Promise<TableShape> {
    let shape = this.shapes.get(table);
    if (!shape) {
      shape = this.raw.send(new DescribeTableCommand({ TableName: table })).then(({ Table }) => tableShape(Table!));
      this.shapes.set(table, shape);
    }
    return shape;
  }
}

function tableShape(table: TableDescription): TableShape {
  const keys = (table.KeySchema ?? []).map((key) => key.AttributeName!);
  const indexes = (table.GlobalSecondaryIndexes ?? []).map((index) => {
    const indexKeys = (index.KeySchema ?? []).map((key) => key.AttributeName!);
    const type = index.Projection?.ProjectionType ?? 'ALL';
    const kept = [...keys, ...indexKeys, ...(type === 'INCLUDE' ? (index.Projection?.NonKeyAttributes ?? []) : [])];
    return { name: index.IndexName!, keys: indexKeys, projected: (item: Item) => (type === 'ALL' ? item : pick(item, kept)) };
  });
  return { keys, indexes };
}

/** Write units one item write caused in one index: 0, 1 put or delete, or both when its key changed. */
export function indexEntryWrites(index: TableShape['indexes'][number], before: Item | undefined, after: Item | undefined): number {
  const entry = (item: Item | undefined) => (item && index.keys.every((key) => item[key] !== undefined) ? index.projected(item) : undefined);
  const [old, next] = [entry(before), entry(after)];
  const units = (item: Item) => Math.max(1, Math.ceil(itemSize(item) / 1024));
  if (!old && !next) return 0;
  if (!old) return units(next!);
  if (!next) return units(old);
  if (index.keys.some((key) => canonical(old[key]) !== canonical(next[key]))) return units(old) + units(next);
  return canonical(old) === canonical(next) ? 0 : units(next);
}

const pick = (item: Item, names: readonly string[]) => Object.fromEntries(names.filter((name) => name in item).map((name) => [name, item[name]]));

function canonical(value: unknown): string {
  if (value instanceof Set) return `set:${canonical([...value].sort())}`;
  if (value instanceof Uint8Array) return `bin:${Buffer.from(value).toString('base64')}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Item)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** DynamoDB's item size: attribute names plus values (numbers about half their digits). */
function itemSize(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number' || typeof value === 'bigint') return Math.ceil(String(value).replace(/[-.]/g, '').length / 2) + 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, member) => sum + valueSize(member), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, member) => sum + 1 + valueSize(member), 0);
  if (value && typeof value === 'object') return 3 + Object.entries(value).reduce((sum, [name, member]) => sum + 1 + Buffer.byteLength(name) + valueSize(member), 0);
  return 1;
}
