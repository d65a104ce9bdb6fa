import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './aws-clients.js';

/** At most `max` events per `windowSeconds` for one key of a scope. */
export interface Limit {
  scope: string;
  max: number;
  windowSeconds: number;
}

export interface LimitCheck {
  allowed: boolean;
  /** Seconds until the window ends: what a Retry-After says. */
  retryAfter: number;
}

/** A counter key that carries no personal data (email addresses, IP addresses). */
export function limitKey(value: string): string {
  return createHash('sha256').update(`limit:${value}`).digest('hex').slice(0, 32);
}

/**
 * Fixed-window counters in the requests table: one atomic ADD per event, removed by the
 * table's TTL after the window. Cheap enough for every public call; a burst at a window
 * edge may see up to twice the limit, which is fine for soft limits.
 */
export class RateLimiter {
  constructor(
    private readonly table: string,
    private readonly db = documentClient(),
  ) {}

  private window(limit: Limit, key: string) {
    const now = Math.floor(Date.now() / 1000);
    const start = now - (now % limit.windowSeconds);
    return {
      key: { pk: `LIMIT#${limit.scope}#${key}`, sk: `W#${start}` },
      end: start + limit.windowSeconds,
      retryAfter: start + limit.windowSeconds - now,
    };
  }

  /** Counts one event; `allowed` is false once the window holds more than `max`. */
  async hit(limit: Limit, key: string): Promise<LimitCheck> {
    const window = this.window(limit, key);
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: window.key,
        UpdateExpression: 'ADD hits :one SET expiresAtEpoch = :end',
        ExpressionAttributeValues: { ':one': 1, ':end': window.end },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return { allowed: Number(Attributes?.hits ?? 1) <= limit.max, retryAfter: window.retryAfter };
  }

  /** Whether one more event would be allowed, without counting one. */
  async check(limit: Limit, key: string): Promise<LimitCheck> {
    const window = this.window(limit, key);
    const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: window.key, ConsistentRead: true }));
    return { allowed: Number(Item?.hits ?? 0) < limit.max, retryAfter: window.retryAfter };
  }
}
