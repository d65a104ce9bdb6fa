import { randomBytes } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { documentClient } from './aws-clients.js';
import { batchWrite } from '../connectors/batch-write.js';
import { listCursor, type ListPosition } from './list-cursor.js';
import { closedIndex, listIndex, personIndex, requestKeys, restrictionIndex, sentMailIndex } from '../core/request/keys.js';
import { currentDeadlines, isOpen, type DsrRequestRecord, type RequestStatus, type RestrictionStatus } from '../core/request/model.js';
import {
  RequestNotFoundError,
  type AuditEvent,
  type MailClaim,
  type PendingStep,
  type RequestsPage,
  type RequestsRepo,
} from './ports/requests-repo.js';

/**
 * Index keys of a request item: the list index (open/closed by due date), the person index
 * (the requests of one address), once closed, the retention index (by closure time;
 * the daily purge finds expired records with it), and once restricted the restriction index.
 */
function listKeys(
  request: Pick<DsrRequestRecord, 'status' | 'deadlines' | 'extension' | 'requestId' | 'closedAt' | 'contactEmail' | 'receivedAt' | 'restriction'>,
) {
  const open = isOpen(request.status);
  return {
    listPk: listIndex.partition(open),
    listSk: listIndex.sort(currentDeadlines(request).legal, request.requestId),
    personPk: personIndex.partition(request.contactEmail),
    personSk: personIndex.sort(request.receivedAt, request.requestId),
    ...(!open && request.closedAt
      ? { closedPk: closedIndex.partition, closedSk: closedIndex.sort(request.closedAt, request.requestId) }
      : {}),
    ...(request.restriction
      ? {
          restrictionPk: restrictionIndex.partition(request.restriction.status),
          restrictionSk: restrictionIndex.sort(request.restriction.since, request.requestId),
        }
      : {}),
  };
}

/** The requests table in DynamoDB; every write that could race is conditional. */
export class DynamoRequestsRepo implements RequestsRepo {
  constructor(
    private readonly table: string,
    private readonly db = documentClient(),
  ) {}

  /** Stores a new request; false when one with this id already exists. */
  async create(request: DsrRequestRecord): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: requestKeys.pk(request.requestId), sk: requestKeys.meta, ...request, ...listKeys(request) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The request, if stored; `consistent` reads a write that may have happened just now. */
  async find(requestId: string, consistent = false): Promise<DsrRequestRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: requestKeys.pk(requestId), sk: requestKeys.meta },
        ConsistentRead: consistent || undefined,
      }),
    );
    return Item ? strip<DsrRequestRecord>(Item) : undefined;
  }

  /** The account id the request's subject was resolved to, read alone (a connector needs nothing else). */
  async subjectAccountId(requestId: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: requestKeys.pk(requestId), sk: requestKeys.meta },
        ProjectionExpression: '#subject',
        ExpressionAttributeNames: { '#subject': 'subject' },
      }),
    );
    const accountId: unknown = Item?.subject?.accountId;
    return typeof accountId === 'string' && accountId ? accountId : undefined;
  }

  async get(requestId: string, consistent = false): Promise<DsrRequestRecord> {
    const request = await this.find(requestId, consistent);
    if (!request) throw new RequestNotFoundError(`Request ${requestId} not found`);
    return request;
  }

  async update(requestId: string, changes: Partial<DsrRequestRecord>, removes: (keyof DsrRequestRecord)[] = []) {
    return this.write(requestId, changes, removes);
  }

  async updateUnlessSet(requestId: string, guard: keyof DsrRequestRecord, changes: Partial<DsrRequestRecord>) {
    try {
      return await this.write(requestId, changes, [], guard);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /**
   * One conditional write of the request item with its index keys recomputed; with a
   * `guard` it happens only while that attribute is absent (atomic in DynamoDB and in the
   * local emulator alike), else ConditionalCheckFailedException.
   */
  private async write(
    requestId: string,
    changes: Partial<DsrRequestRecord>,
    removes: (keyof DsrRequestRecord)[],
    guard?: keyof DsrRequestRecord,
  ) {
    const current = await this.get(requestId);
    const next: DsrRequestRecord = { ...current, ...changes, updatedAt: new Date().toISOString() };
    for (const name of removes) delete next[name];
    const values = { ...changes, updatedAt: next.updatedAt, ...listKeys(next) };
    const names = Object.keys(values);
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: requestKeys.pk(requestId), sk: requestKeys.meta },
        UpdateExpression:
          `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')}` +
          (removes.length ? ` REMOVE ${removes.map((_, i) => `#r${i}`).join(', ')}` : ''),
        ExpressionAttributeNames: Object.fromEntries([
          ...names.map((name, i) => [`#n${i}`, name]),
          ...removes.map((name, i) => [`#r${i}`, name]),
          ...(guard ? [['#guard', guard]] : []),
        ]),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, values[name as keyof typeof values]])),
        ConditionExpression: guard ? 'attribute_exists(pk) AND attribute_not_exists(#guard)' : 'attribute_exists(pk)',
      }),
    );
    return next;
  }

  async setStatus(requestId: string, status: RequestStatus, extra: Partial<DsrRequestRecord> = {}) {
    return this.update(requestId, { status, ...extra });
  }

  async audit(requestId: string, event: Omit<AuditEvent, 'at'> & { at?: string }): Promise<void> {
    await this.putEvent(requestId, { ...event, at: event.at ?? new Date().toISOString() }, randomBytes(4).toString('hex'));
  }

  /**
   * Records an event that happens once per request under a key of its own (its time and
   * `once`): false when it is on record already (a retried step, another writer). Unlike
   * `auditOnce` it reads nothing first and holds against concurrent writers.
   */
  async recordOnce(requestId: string, event: AuditEvent, once: string): Promise<boolean> {
    try {
      await this.putEvent(requestId, event, once);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async putEvent(requestId: string, event: AuditEvent, seq: string) {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: requestKeys.pk(requestId), sk: requestKeys.event(event.at, seq), ...event },
        // Audit events are never overwritten.
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /**
   * Records an event a workflow step writes once per request: a retried step (its Lambda
   * died after the write) finds it in the trail and writes nothing. Steps of one execution
   * never run concurrently, so reading first is enough.
   */
  async auditOnce(requestId: string, event: Omit<AuditEvent, 'at'>): Promise<void> {
    const same = JSON.stringify(event.details ?? null);
    const trail = await this.auditTrail(requestId);
    if (trail.some((recorded) => recorded.type === event.type && JSON.stringify(recorded.details ?? null) === same)) return;
    await this.audit(requestId, event);
  }

  async auditTrail(requestId: string): Promise<AuditEvent[]> {
    return (await this.queryPrefix(requestId, requestKeys.eventPrefix)).map((item) => strip<AuditEvent>(item));
  }

  async openStep(step: PendingStep): Promise<PendingStep> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: requestKeys.pk(step.requestId), sk: requestKeys.step(step.stepKey), ...step },
          ConditionExpression: 'attribute_not_exists(#status) OR #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        }),
      );
      return step;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.findStep(step.requestId, step.stepKey))!;
    }
  }

  /**
   * Parks a waiting step with the task token that resumes it; false when the step was
   * already decided (a decision that arrived before the token). A verify/review step that
   * is decided is not reopened; a store failure is a new occurrence each time (`reopen`),
   * so it always becomes pending again.
   */
  async parkStep(step: Required<Pick<PendingStep, 'requestId' | 'step' | 'stepKey' | 'taskToken' | 'details'>>, reopen: boolean): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: requestKeys.pk(step.requestId), sk: requestKeys.step(step.stepKey) },
          UpdateExpression:
            'SET taskToken = :token, requestId = :id, step = :step, stepKey = :key, createdAt = if_not_exists(createdAt, :now), details = :details' +
            (reopen ? ', #status = :pending REMOVE decision, resolvedAt, resolvedBy' : ', #status = if_not_exists(#status, :pending)'),
          ConditionExpression: reopen ? undefined : 'attribute_not_exists(#status) OR #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':token': step.taskToken,
            ':id': step.requestId,
            ':step': step.step,
            ':key': step.stepKey,
            ':now': new Date().toISOString(),
            ':pending': 'pending',
            ':details': step.details,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async findStep(requestId: string, stepKey: string): Promise<PendingStep | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: requestKeys.pk(requestId), sk: requestKeys.step(stepKey) } }),
    );
    return Item ? strip<PendingStep>(Item) : undefined;
  }

  async steps(requestId: string): Promise<PendingStep[]> {
    return (await this.queryPrefix(requestId, 'STEP#')).map((item) => strip<PendingStep>(item));
  }

  async pendingSteps(requestId: string): Promise<PendingStep[]> {
    return (await this.steps(requestId)).filter((step) => step.status === 'pending');
  }

  /**
   * Marks a pending step decided, exactly once: a second decision of the same step (a
   * double click, two people at once) fails the condition and gets `undefined`.
   */
  async resolveStep(requestId: string, stepKey: string, decision: string, resolvedBy: string): Promise<PendingStep | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: requestKeys.pk(requestId), sk: requestKeys.step(stepKey) },
          UpdateExpression: 'SET #status = :resolved, decision = :decision, resolvedBy = :by, resolvedAt = :at',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':resolved': 'resolved',
            ':pending': 'pending',
            ':decision': decision,
            ':by': resolvedBy,
            ':at': new Date().toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return strip<PendingStep>(Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /**
   * Claims the right to send one kind of email for a request: a `sending` marker with a
   * lease, taken over only once the lease is over (no Lambda that claimed it can still
   * run then). `sent` when the email already went out; `held` while another claim's lease
   * runs. Markers from before leases (no state) count as sent.
   */
  async claimMail(requestId: string, kind: string, leaseMs: number): Promise<MailClaim> {
    const key = { pk: requestKeys.pk(requestId), sk: requestKeys.mail(kind) };
    const now = new Date();
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key, kind, state: 'sending', claimedAt: now.toISOString(), leaseUntil: new Date(now.getTime() + leaseMs).toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now.toISOString() },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const marker = (await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }))).Item;
    return marker?.state === 'sending' ? 'held' : 'sent';
  }

  /** Marks a claimed email as accepted by SES (with SES's message id, on the sent-mail index): from now on no retry sends it. */
  async markMailSent(requestId: string, kind: string, messageId?: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: requestKeys.pk(requestId), sk: requestKeys.mail(kind) },
        UpdateExpression: `SET #state = :sent, sentAt = :now${messageId ? ', sentPk = :sentPk' : ''} REMOVE leaseUntil`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':now': new Date().toISOString(),
          ...(messageId ? { ':sentPk': sentMailIndex.partition(messageId) } : {}),
        },
      }),
    );
  }

  /** One keys-only query per id, in order, until one names a request (the sent-mail index). */
  async requestOfSentMail(messageIds: readonly string[]): Promise<string | undefined> {
    for (const messageId of messageIds) {
      const { Items } = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: sentMailIndex.name,
          KeyConditionExpression: 'sentPk = :pk',
          ExpressionAttributeValues: { ':pk': sentMailIndex.partition(messageId) },
          Limit: 1,
        }),
      );
      const pk = Items?.[0]?.pk;
      if (typeof pk === 'string') return requestKeys.requestIdOf(pk);
    }
    return undefined;
  }

  async releaseMail(requestId: string, kind: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.table, Key: { pk: requestKeys.pk(requestId), sk: requestKeys.mail(kind) } }),
    );
  }

  /** The kinds of email that went out (a claim still `sending` has not). */
  async sentMails(requestId: string): Promise<string[]> {
    return (await this.queryPrefix(requestId, 'MAIL#')).filter((item) => item.state !== 'sending').map((item) => String(item.kind));
  }

  /** The subjects of the requests of this request's address received before it, newest first (the person index). */
  async earlierRequestsOf(
    request: Pick<DsrRequestRecord, 'contactEmail' | 'receivedAt' | 'requestId'>,
  ): Promise<Array<Pick<DsrRequestRecord, 'requestId' | 'subject'>>> {
    const items = await this.queryAll({
      IndexName: personIndex.name,
      KeyConditionExpression: 'personPk = :pk AND personSk < :own',
      ExpressionAttributeValues: {
        ':pk': personIndex.partition(request.contactEmail),
        ':own': personIndex.sort(request.receivedAt, request.requestId),
      },
      ScanIndexForward: false,
    });
    return items.map((item) => ({ requestId: String(item.requestId), subject: item.subject as DsrRequestRecord['subject'] }));
  }

  /** The requests whose restriction has this status, oldest first (the restriction index). */
  async restrictions(status: RestrictionStatus): Promise<DsrRequestRecord[]> {
    const items = await this.queryAll({
      IndexName: restrictionIndex.name,
      KeyConditionExpression: 'restrictionPk = :pk',
      ExpressionAttributeValues: { ':pk': restrictionIndex.partition(status) },
    });
    return items.map((item) => strip<DsrRequestRecord>(item));
  }

  /**
   * One page of the retention index: closed requests whose closure sorts before `below`
   * (`$` sorts right after `#`, so `<closedAt>$` bounds every request closed then or earlier).
   */
  async closedBefore(below: string, limit: number, start?: Record<string, unknown>) {
    const page: QueryCommandOutput = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: closedIndex.name,
        KeyConditionExpression: 'closedPk = :closed AND closedSk < :below',
        ExpressionAttributeValues: { ':closed': closedIndex.partition, ':below': below },
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    const closures = (page.Items ?? []).map((item) => {
      const closedSk = String(item.closedSk);
      return { closedAt: closedSk.slice(0, closedSk.indexOf('#')), requestId: closedSk.slice(closedSk.indexOf('#') + 1) };
    });
    return { closures, next: page.LastEvaluatedKey };
  }

  /**
   * Deletes the request's whole partition (request, steps, audit events, mail markers,
   * progress), the request item last, so a purge cut short is found again; returns the count.
   */
  async purge(requestId: string): Promise<number> {
    const pk = requestKeys.pk(requestId);
    let deleted = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: start,
        }),
      );
      const keys = ((page.Items ?? []) as Array<{ pk: string; sk: string }>).filter((key) => key.sk !== requestKeys.meta);
      // The connectors' batch writer: batches of 25, unprocessed items retried with backoff.
      await batchWrite(this.table, keys.map((Key) => ({ DeleteRequest: { Key } })), { concurrency: 4, client: this.db });
      deleted += keys.length;
      start = page.LastEvaluatedKey;
    } while (start);
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk, sk: requestKeys.meta } }));
    return deleted + 1;
  }

  /** Requests of the list index, open or closed, by due date; paged. */
  async list(open: boolean, limit = 50, cursor?: string): Promise<RequestsPage> {
    const page: QueryCommandOutput = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: listIndex.name,
        KeyConditionExpression: 'listPk = :pk',
        ExpressionAttributeValues: { ':pk': listIndex.partition(open) },
        Limit: limit,
        ExclusiveStartKey: cursor ? z.decode(listCursor, cursor) : undefined,
      }),
    );
    return {
      items: (page.Items ?? []).map((item) => strip<DsrRequestRecord>(item)),
      cursor: page.LastEvaluatedKey ? z.encode(listCursor, page.LastEvaluatedKey as ListPosition) : undefined,
    };
  }

  private async queryPrefix(requestId: string, prefix: string) {
    return this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': requestKeys.pk(requestId), ':prefix': prefix },
    });
  }

  /** Every item a query matches, page by page. */
  private async queryAll(query: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName' | 'ExclusiveStartKey'>) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await this.db.send(new QueryCommand({ TableName: this.table, ...query, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}

/** Drops the table's key attributes from an item. */
function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, listPk: _lp, listSk: _ls, closedPk: _cp, closedSk: _cs, personPk: _pp, personSk: _ps, restrictionPk: _rp, restrictionSk: _rs, ...rest } = item;
  return rest as T;
}
