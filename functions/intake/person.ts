import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isOpen, type RequestType } from '../core/request/model.js';
import { documentClient } from '../shared/aws-clients.js';
import type { RequestsRepo } from '../shared/ports/requests-repo.js';

/** At most `max` new requests per address in a fixed window of `windowSeconds`. */
export interface PersonLimit {
  max: number;
  windowSeconds: number;
}

/** A claim whose request is not stored yet belongs to a delivery still in flight. */
const IN_FLIGHT_MS = 5 * 60_000;
/** Claims outlive any open request (3 months at most after an extension); TTL sweeps the item. */
const ITEM_TTL_SECONDS = 200 * 86_400;
/** Conditional writes that lose to another writer re-read and retry this often. */
const ATTEMPTS = 5;

export { personKey } from '../core/request/keys.js';

/** What admitting one request wrote on the person's item, so that it can be taken back. */
export interface PersonChanges {
  /** The item did not exist before. */
  created: boolean;
  /** The request was added to the window's set (a retry's id is in it already). */
  counted: boolean;
  /** The rights the request now holds. */
  claimed: RequestType[];
}

export type Admission =
  | { allowed: true; /** Open requests that hold all its rights: the new one repeats them. */ repeats: string[]; changes: PersonChanges }
  | { allowed: false; /** Seconds until the window ends. */ retryAfter: number };

/** The intake's view of the people: each address's limit, and which open request holds each right. */
export interface PersonAdmissions {
  /**
   * Counts `requestId` against the person's limit and claims its rights: refused over the
   * limit (nothing written); otherwise the open requests that hold all its rights, if any.
   */
  admit(person: string, types: readonly RequestType[], requestId: string): Promise<Admission>;
  /** Takes back what `admit` wrote, for a delivery that turned out not to be a new request. */
  withdraw(person: string, requestId: string, changes: PersonChanges): Promise<void>;
}

type Item = Record<string, any>;
const claimOf = (type: RequestType) => `claim_${type}`;
const sinceOf = (type: RequestType) => `claimedAt_${type}`;

/**
 * One item per person holds both what the intake checks per address: the requests of the
 * current limit window (a set of request ids, so a retry of the same delivery never
 * counts twice) and which open request holds each right. Admitting a request is one
 * UpdateItem for an address's first request in a window, two for a further one. A right
 * held by a closed request is taken over; claims are never released, so the workflow's
 * Close need not know about them.
 */
export class PersonLedger implements PersonAdmissions {
  constructor(
    private readonly table: string,
    private readonly repo: RequestsRepo,
    private readonly limit: PersonLimit,
    private readonly db = documentClient(),
  ) {}

  private key(person: string) {
    return { pk: `PERSON#${person}`, sk: 'PERSON' };
  }

  /**
   * Counts `requestId` against the person's limit and claims its rights, in one write:
   * refused (and nothing written) over the limit; otherwise the open requests that hold
   * all its rights, if any (the new one repeats them and their replies answer it).
   */
  async admit(person: string, types: readonly RequestType[], requestId: string, now = Date.now()): Promise<Admission> {
    const seconds = Math.floor(now / 1000);
    const start = seconds - (seconds % this.limit.windowSeconds);
    // A mail to the privacy address names no rights yet (triage): it claims none.
    const claims = types.map((_, i) => `#c${i} = if_not_exists(#c${i}, :id), #s${i} = if_not_exists(#s${i}, :now)`);
    const common = {
      TableName: this.table,
      Key: this.key(person),
      ExpressionAttributeNames: {
        '#start': 'windowStart',
        '#ids': 'windowRequests',
        '#expires': 'expiresAtEpoch',
        ...Object.fromEntries(types.flatMap((type, i) => [[`#c${i}`, claimOf(type)], [`#s${i}`, sinceOf(type)]])),
      },
      ReturnValues: 'ALL_OLD' as const,
    };
    // DynamoDB refuses values an expression does not use: the claims' only when there are claims.
    const claimValues = claims.length ? { ':id': requestId, ':now': now } : {};
    const values = { ':start': start, ':ids': new Set([requestId]), ':expires': seconds + ITEM_TTL_SECONDS, ...claimValues };
    const attempts = [
      // The address's first request in this window (most requests): a new window.
      {
        UpdateExpression: `SET ${['#start = :start', '#ids = :ids', '#expires = :expires', ...claims].join(', ')}`,
        ConditionExpression: 'attribute_not_exists(#start) OR #start < :start',
        ExpressionAttributeValues: values,
      },
      // A further one in the window: counted while under the limit (a retry is in the set already).
      {
        UpdateExpression: `SET ${['#expires = :expires', ...claims].join(', ')} ADD #ids :ids`,
        ConditionExpression: '#start = :start AND (size(#ids) < :max OR contains(#ids, :id))',
        ExpressionAttributeValues: { ...values, ':id': requestId, ':max': this.limit.max },
      },
    ];
    for (const attempt of attempts) {
      let before: Item;
      try {
        before = (await this.db.send(new UpdateCommand({ ...common, ...attempt }))).Attributes ?? {};
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) continue;
        throw error;
      }
      const holders = await Promise.all(
        types.map((type) =>
          before[claimOf(type)] === undefined || before[claimOf(type)] === requestId
            ? undefined
            : this.heldElsewhere(person, type, requestId, before),
        ),
      );
      const changes: PersonChanges = {
        created: before.pk === undefined,
        counted: !(before.windowStart === start && (before.windowRequests as Set<string> | undefined)?.has(requestId)),
        claimed: types.filter((type, i) => holders[i] === undefined && before[claimOf(type)] !== requestId),
      };
      return { allowed: true, repeats: holders.every((holder) => holder !== undefined) ? [...new Set(holders)] : [], changes };
    }
    return { allowed: false, retryAfter: start + this.limit.windowSeconds - seconds };
  }

  /**
   * Undoes `admit` for a delivery that turned out not to be a new request (its key names a
   * request already stored): takes back its count and its claims, and the item it created.
   */
  async withdraw(person: string, requestId: string, changes: PersonChanges): Promise<void> {
    const claims = changes.claimed;
    const claimNames = Object.fromEntries(claims.map((type, i) => [`#c${i}`, claimOf(type)]));
    const stillOurs = claims.map((_, i) => `#c${i} = :id`);
    if (changes.created) {
      try {
        await this.db.send(
          new DeleteCommand({
            TableName: this.table,
            Key: this.key(person),
            // Unless another request of the person came in since, the item is this one's alone.
            ConditionExpression: ['size(#ids) = :one', 'contains(#ids, :id)', ...stillOurs].join(' AND '),
            ExpressionAttributeNames: { '#ids': 'windowRequests', ...claimNames },
            ExpressionAttributeValues: { ':one': 1, ':id': requestId },
          }),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    const removes = claims.flatMap((type, i) => [[`#c${i}`, claimOf(type)], [`#s${i}`, sinceOf(type)]]);
    const actions = [
      changes.counted ? 'DELETE #ids :ids' : '',
      removes.length ? `REMOVE ${removes.map(([name]) => name).join(', ')}` : '',
    ].filter(Boolean);
    if (actions.length === 0) return;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key(person),
          UpdateExpression: actions.join(' '),
          ConditionExpression: stillOurs.join(' AND ') || undefined,
          ExpressionAttributeNames: { ...(changes.counted ? { '#ids': 'windowRequests' } : {}), ...Object.fromEntries(removes) },
          ExpressionAttributeValues: {
            ...(changes.counted ? { ':ids': new Set([requestId]) } : {}),
            ...(claims.length ? { ':id': requestId } : {}),
          },
        }),
      );
    } catch (error) {
      // A claim another request took over meanwhile is that request's now.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * The open request holding a right that another request claimed first, or undefined
   * once the right is this request's (the holder closed, or never got stored).
   */
  private async heldElsewhere(person: string, type: RequestType, requestId: string, seen: Item): Promise<string | undefined> {
    let item = seen;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const holder = item[claimOf(type)] as string | undefined;
      if (holder === requestId) return undefined;
      if (holder && (await this.isLive(holder, Number(item[sinceOf(type)])))) return holder;
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: this.key(person),
            UpdateExpression: 'SET #c = :id, #s = :now',
            // Taken over only from the holder last read, so two takers cannot both win.
            ConditionExpression: holder ? '#c = :holder' : 'attribute_not_exists(#c)',
            ExpressionAttributeNames: { '#c': claimOf(type), '#s': sinceOf(type) },
            ExpressionAttributeValues: { ':id': requestId, ':now': Date.now(), ...(holder ? { ':holder': holder } : {}) },
          }),
        );
        return undefined;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      item = (await this.db.send(new GetCommand({ TableName: this.table, Key: this.key(person), ConsistentRead: true }))).Item ?? {};
    }
    // Still contended: the request is kept rather than merged; at worst two replies go out.
    return undefined;
  }

  private async isLive(requestId: string, claimedAt: number): Promise<boolean> {
    const request = await this.repo.find(requestId);
    return request ? isOpen(request.status) : Date.now() - claimedAt < IN_FLIGHT_MS;
  }
}
