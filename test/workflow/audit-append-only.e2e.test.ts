import { DynamoDBClient, GetItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKeys } from '../../functions/core/request/keys.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { WATCH_WAIT_STATE } from '../../lib/constructs/deadline-watch.js';
import { journey } from './journey.js';
import { eventually, startTarget, type DsrTarget } from './target.js';

/**
 * Audit events are append-only: real flows run on the embedded runtime while a middleware
 * on the handlers' own DynamoDB client (functions/shared/aws-clients.ts; the handlers run
 * in this process) records every command they send. A spy on real calls, nothing mocked.
 */
const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];
type Item = Record<string, AttributeValue>;

interface Call {
  command: string;
  input: Record<string, any>;
  settled: boolean;
  ok?: boolean;
}

let target: DsrTarget;
let flow: ReturnType<typeof journey>;
let requestsTable: string;
/** A client of the test's own, so its reads are not among the recorded calls. */
let reader: DynamoDBClient;
const calls: Call[] = [];
/** Each audit item as read right after its first successful put, by `pk sk`. */
const firstReads = new Map<string, Promise<string | undefined>>();
/** Audit items of every request so far, read at several points of the flows. */
const snapshots: { at: string; items: Map<string, string> }[] = [];
const requestIds = new Set<string>();

const SPY = 'auditAppendOnlySpy';

const str = (value: AttributeValue | undefined) => (value && 'S' in value ? value.S : undefined);
const keyOf = (item: Item) => `${str(item.pk)} ${str(item.sk)}`;
const isAuditKey = (key: Item | undefined) =>
  Boolean(str(key?.pk)?.startsWith('REQ#') && str(key?.sk)?.startsWith(requestKeys.eventPrefix));

/** JSON with sorted object keys: two reads of one item give the same bytes. */
function canonical(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `attribute_not_exists(pk)` or `(sk)`, alone: the put fails if the key holds an item. */
function forbidsOverwrite(input: Record<string, any>): boolean {
  const match = /^\s*attribute_not_exists\s*\(\s*(#?\w+)\s*\)\s*$/.exec(input.ConditionExpression ?? '');
  if (!match) return false;
  const name = match[1]!.startsWith('#') ? input.ExpressionAttributeNames?.[match[1]!] : match[1];
  return name === 'pk' || name === 'sk';
}

type Next = (args: { input: unknown }) => Promise<unknown>;
const spy = (next: Next, context: { commandName?: string }) => async (args: { input: unknown }) => {
  const call: Call = { command: context.commandName ?? '?', input: structuredClone(args.input as object), settled: false };
  calls.push(call);
  try {
    const result = await next(args);
    call.ok = true;
    const item = call.input.Item as Item | undefined;
    if (call.command === 'PutItemCommand' && call.input.TableName === requestsTable && isAuditKey(item) && !firstReads.has(keyOf(item!))) {
      firstReads.set(keyOf(item!), readItem({ pk: item!.pk!, sk: item!.sk! }));
    }
    return result;
  } catch (error) {
    call.ok = false;
    throw error;
  } finally {
    call.settled = true;
  }
};

async function readItem(key: Item): Promise<string | undefined> {
  const { Item } = await reader.send(new GetItemCommand({ TableName: requestsTable, Key: key, ConsistentRead: true }));
  return Item ? canonical(Item) : undefined;
}

async function auditItems(requestId: string): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await reader.send(
      new QueryCommand({
        TableName: requestsTable,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)',
        ExpressionAttributeValues: { ':pk': { S: requestKeys.pk(requestId) }, ':evt': { S: requestKeys.eventPrefix } },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) items.set(keyOf(item), canonical(item));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

async function snapshot(at: string, ...ids: string[]) {
  for (const id of ids) requestIds.add(id);
  const items = new Map<string, string>();
  for (const id of requestIds) for (const [key, item] of await auditItems(id)) items.set(key, item);
  snapshots.push({ at, items });
}

/** Until no DynamoDB call is in flight and none has started for a second. */
async function quiet() {
  let seen = -1;
  await eventually(async () => {
    const settled = calls.every((call) => call.settled) && calls.length === seen;
    seen = calls.length;
    if (!settled) await new Promise((resolve) => setTimeout(resolve, 1000));
    return settled || undefined;
  }, 'the handlers to go quiet');
}

// The spy needs the handlers in this process: the embedded runtime only.
describe.skipIf(process.env.DSR_TARGET === 'localstack')('audit events are append-only', () => {
  beforeAll(async () => {
    // The deadline watch runs at once too, so its reminders and escalations write
    // audit events while the workflow and the admin API write theirs.
    target = await startTarget({ waitTimeOverrides: { [WATCH_WAIT_STATE]: 0 } });
    flow = journey(target);
    requestsTable = target.local!.resources.requestsTable;
    reader = new DynamoDBClient({});
    documentClient().middlewareStack.add(spy as never, { step: 'build', name: SPY });
  });
  afterAll(async () => {
    documentClient().middlewareStack.remove(SPY);
    reader?.destroy();
    await target?.stop();
  });

  it('records an access request extended, approved, downloaded; a duplicate of it; a rejection; an erasure', async () => {
    const access = await flow.submit({ type: 'access', email: ada.email });
    // The workflow's first step records the receipt.
    await flow.waitFor(access, (request) => request.audit.some((event: { type: string }) => event.type === 'received'), 'the received event');
    await snapshot('access received', access);
    await flow.confirmIdentity(access, ada.email);
    await flow.waitFor(access, (request) => request.pendingStep === 'review', 'pending review');
    await snapshot('access at review');

    // A second request while the first is open: stored as its duplicate, audited on both.
    const duplicate = await flow.submit({ type: 'access', email: ada.email, details: 'again' });
    await flow.waitFor(duplicate, (request) => request.status === 'duplicate', 'closed as duplicate');
    await snapshot('duplicate received', duplicate);

    const extended = await flow.api.admin(`/requests/${access}/extend`, 'POST', { reason: 'Many media files to review.' });
    expect(extended.status).toBe(200);
    await snapshot('access extended');

    expect((await flow.api.admin(`/requests/${access}/approve`, 'POST')).status).toBe(200);
    await flow.waitForStatus(access, 'completed');
    await snapshot('access completed');

    const mail = (await flow.mailsFor(access)).find((m) => /ready to download/.test(m.subject))!;
    const link = /https?:\/\/\S+\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(mail.text)![0].replace(/^https?:\/\/[^/]+/, '');
    expect((await flow.api.call(link)).status).toBe(302);
    await snapshot('package downloaded');

    const rejected = await flow.reachReview({ type: 'access', email: ada.email, details: 'to reject' });
    await snapshot('rejection at review', rejected);
    const reject = await flow.api.admin(`/requests/${rejected}/reject`, 'POST', { reasonCode: 'excessive', reason: 'Repeated request.' });
    expect(reject.status).toBe(200);
    await flow.waitForStatus(rejected, 'rejected');
    await snapshot('rejected');

    const erasure = await flow.reachReview({ type: 'erasure', email: bram.email });
    await snapshot('erasure at review', erasure);
    expect((await flow.api.admin(`/requests/${erasure}/approve`, 'POST')).status).toBe(200);
    await flow.waitForStatus(erasure, 'completed');
    await snapshot('erasure completed');

    // Whatever is still running (Close's last event, a watch ending) finishes first.
    await quiet();
    await snapshot('end');

    const types = new Set(
      calls.filter((call) => call.command === 'PutItemCommand' && isAuditKey(call.input.Item)).map((call) => str(call.input.Item.type)),
    );
    // The spy saw the handlers' writes, from every kind of writer.
    const writers = [
      ['received', 'duplicate_of', 'duplicate_received'], // intake
      ['identity_verified'], // identity link
      ['subject_resolved', 'step_pending', 'package_assembled', 'email_sent', 'closed'], // workflow steps
      ['decision', 'extended'], // admin API
      ['package_downloaded'], // download link
      ['deadline_escalated'], // deadline watch
    ];
    for (const type of writers.flat()) {
      expect(types, `${type} in ${[...types].join(', ')}`).toContain(type);
    }
  });

  it('never updates or deletes an audit event, by any write command', () => {
    const offending: string[] = [];
    for (const { command, input } of calls) {
      const ours = input.TableName === requestsTable;
      if ((command === 'UpdateItemCommand' || command === 'DeleteItemCommand') && ours && isAuditKey(input.Key)) {
        offending.push(`${command} ${keyOf(input.Key)}`);
      }
      if (command === 'BatchWriteItemCommand') {
        for (const request of input.RequestItems?.[requestsTable] ?? []) {
          if (isAuditKey(request.DeleteRequest?.Key)) offending.push(`BatchWriteItem delete ${keyOf(request.DeleteRequest.Key)}`);
          // A batch put carries no condition: it could overwrite an event.
          if (isAuditKey(request.PutRequest?.Item)) offending.push(`BatchWriteItem put ${keyOf(request.PutRequest.Item)}`);
        }
      }
      if (command === 'TransactWriteItemsCommand') {
        for (const { Update, Delete, Put } of input.TransactItems ?? []) {
          for (const write of [Update, Delete]) {
            if (write?.TableName === requestsTable && isAuditKey(write.Key)) offending.push(`TransactWriteItems ${keyOf(write.Key)}`);
          }
          if (Put?.TableName === requestsTable && isAuditKey(Put.Item) && !forbidsOverwrite(Put)) {
            offending.push(`TransactWriteItems put without condition ${keyOf(Put.Item)}`);
          }
        }
      }
      // PartiQL would write past the key checks above; the handlers use none.
      if (/^(ExecuteStatement|BatchExecuteStatement|ExecuteTransaction)Command$/.test(command)) offending.push(command);
    }
    expect(offending).toEqual([]);
    expect(calls.filter((call) => call.command === 'UpdateItemCommand' && call.input.TableName === requestsTable).length).toBeGreaterThan(5);
  });

  it('writes every audit event with a put that cannot overwrite', () => {
    const puts = calls.filter((call) => call.command === 'PutItemCommand' && call.input.TableName === requestsTable && isAuditKey(call.input.Item));
    expect(puts.length).toBeGreaterThan(20);
    for (const put of puts) expect(forbidsOverwrite(put.input), `${keyOf(put.input.Item)}: ${put.input.ConditionExpression}`).toBe(true);
    // Every event read at the end came from one of these puts, as it was sent.
    const sent = new Map(puts.filter((put) => put.ok).map((put) => [keyOf(put.input.Item), canonical(put.input.Item)]));
    const end = snapshots.at(-1)!.items;
    expect([...end.keys()].sort()).toEqual([...sent.keys()].sort());
    for (const [key, item] of end) expect(item, key).toBe(sent.get(key));
  });

  it('reads every audit event back byte for byte as it was right after it was written', async () => {
    const end = snapshots.at(-1)!.items;
    expect(firstReads.size).toBe(end.size);
    for (const [key, first] of firstReads) {
      const read = await first;
      expect(read, key).toBeDefined();
      expect(end.get(key), key).toBe(read);
    }
    // Each snapshot holds all of the one before, unchanged: the trail only grows.
    for (let i = 1; i < snapshots.length; i++) {
      const [before, after] = [snapshots[i - 1]!, snapshots[i]!];
      for (const [key, item] of before.items) expect(after.items.get(key), `${key} from "${before.at}" at "${after.at}"`).toBe(item);
      expect(after.items.size, after.at).toBeGreaterThanOrEqual(before.items.size);
    }
    expect(snapshots[0]!.items.size).toBeGreaterThan(0);
    expect(end.size).toBeGreaterThan(snapshots[0]!.items.size);
  });
});
