import { DeleteItemCommand, DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Naming } from './naming.js';
import { resourcesOfType, type CfnTemplate } from './template.js';

const DAY_MS = 86_400_000;

interface TtlTable {
  table: string;
  attribute: string;
  keys: string[];
}

interface ExpiryRule {
  bucket: string;
  prefix: string;
  days: number;
}

/**
 * DynamoDB TTL and S3 lifecycle expiry, which the emulators lack, as AWS applies them:
 * an item whose TTL attribute (epoch seconds, a Number) is in the past is deleted; an
 * object is deleted from midnight UTC after its last modification plus the rule's days.
 * AWS does either within a day or two; here a sweep does it at once, on a clock that
 * tests can move forward (`advance`). Lifecycle rules with tag filters or without an
 * expiration are not emulated (the template has none with tags).
 */
export class ExpirySweeper {
  private offsetMs = 0;
  private readonly tables: TtlTable[];
  private readonly rules: ExpiryRule[];

  constructor(
    template: CfnTemplate,
    naming: Naming,
    private readonly clients: { dynamodb: DynamoDBClient; s3: S3Client },
  ) {
    this.tables = resourcesOfType(template, 'AWS::DynamoDB::Table').flatMap(([logicalId, resource]) => {
      const ttl = resource.Properties?.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
      if (!ttl?.Enabled || !ttl.AttributeName) return [];
      const keys = (resource.Properties!.KeySchema as { AttributeName: string }[]).map((key) => key.AttributeName);
      return [{ table: naming.name(logicalId), attribute: ttl.AttributeName, keys }];
    });
    this.rules = resourcesOfType(template, 'AWS::S3::Bucket').flatMap(([logicalId, resource]) => {
      const rules = (resource.Properties?.LifecycleConfiguration as { Rules?: Record<string, unknown>[] } | undefined)?.Rules ?? [];
      return rules
        .filter((rule) => rule.Status !== 'Disabled' && typeof rule.ExpirationInDays === 'number' && !rule.TagFilters)
        .map((rule) => ({ bucket: naming.name(logicalId), prefix: String(rule.Prefix ?? ''), days: rule.ExpirationInDays as number }));
    });
  }

  /** The sweeper's clock: real time plus what tests moved it forward. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('The expiry clock only moves forward');
    this.offsetMs += ms;
  }

  /** Deletes what has expired at `now()`; returns how many items and objects went. */
  async sweep(): Promise<{ items: number; objects: number }> {
    const counts = await Promise.all([
      ...this.tables.map((table) => this.sweepTable(table)),
      ...this.rules.map((rule) => this.sweepPrefix(rule)),
    ]);
    const tables = counts.slice(0, this.tables.length);
    return { items: sum(tables), objects: sum(counts.slice(this.tables.length)) };
  }

  private async sweepTable({ table, attribute, keys }: TtlTable): Promise<number> {
    const nowSeconds = String(Math.floor(this.now().getTime() / 1000));
    let deleted = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.clients.dynamodb.send(
        new ScanCommand({
          TableName: table,
          FilterExpression: '#ttl < :now',
          ExpressionAttributeNames: { '#ttl': attribute },
          ExpressionAttributeValues: { ':now': { N: nowSeconds } },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const Key = Object.fromEntries(keys.map((key) => [key, item[key]!]));
        await this.clients.dynamodb.send(new DeleteItemCommand({ TableName: table, Key }));
        deleted += 1;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return deleted;
  }

  private async sweepPrefix({ bucket, prefix, days }: ExpiryRule): Promise<number> {
    const now = this.now().getTime();
    let deleted = 0;
    let token: string | undefined;
    do {
      const page = await this.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const modified = object.LastModified!.getTime();
        // AWS rounds the expiry up to the next midnight UTC.
        const expires = Math.ceil((modified + days * DAY_MS) / DAY_MS) * DAY_MS;
        if (expires > now) continue;
        await this.clients.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key! }));
        deleted += 1;
      }
      token = page.NextContinuationToken;
    } while (token);
    return deleted;
  }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
