import { setTimeout as sleep } from 'node:timers/promises';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readStoreResults } from '../../../functions/connectors/index.js';
import { documentClient, s3Client } from '../../../functions/shared/aws-clients.js';
import { DEMO_USERS, seedDemoData, type DemoStores } from '../../../lib/demo/index.js';
import {
  contextWithBudget,
  createRequest,
  itemsOf,
  keysUnder,
  localStores,
  readJsonl,
  storeHandler,
} from '../connectors/harness.js';

const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[number], (typeof DEMO_USERS)[number]];
/** A third account, whose data the erasures given up part-way delete. */
const cas = { ...bram, accountId: 'acct_01j9cas5e2f7', email: 'cas@example.nl' };
const USAGE_LOGS = 530;
const MEDIA = 14;
/** The retry does the whole store in one invocation (pages of 100); the given-up run, out of time, would stop after its first page (media: its first copy). */
const SETTINGS = { CONNECTOR_PAGE_SIZE: '100', CONNECTOR_MARGIN_MS: '0', CONNECTOR_MARGIN_FRACTION: '0', LOG_LEVEL: 'INFO' };
/** The given-up invocation's time: middy's early timeout (500 ms before the end) fires after 1 s. */
const GIVEN_UP_MS = 1_500;
const HOLD = 'holdOneStorePage';

interface Held {
  /** Resolves once the call is caught and held. */
  held: Promise<void>;
  release: () => void;
  /** Resolves once the released call has been answered (or has failed). */
  landed: Promise<void>;
}
type Input = { TableName?: string; Bucket?: string; RequestItems?: Record<string, unknown> };

/** The call to hold: the first `command` of `client` on `target` (a table or bucket) after `skip` others. */
interface HoldSpec {
  client: { middlewareStack: { add: (...args: never[]) => void } };
  command: string;
  target: string;
  skip?: number;
}

/**
 * Holds one call on a table or bucket until `release`: the page (or delete, or upload) of
 * an invocation that runs past its time. The real client and emulator answer it afterwards.
 */
function holdOneCall({ client, command, target, skip = 0 }: HoldSpec): Held {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let caught!: () => void;
  const held = new Promise<void>((resolve) => (caught = resolve));
  let answered!: () => void;
  const landed = new Promise<void>((resolve) => (answered = resolve));
  let toSkip = skip;
  let armed = true;
  type Next = (args: { input: Input }) => Promise<unknown>;
  const hold = (next: Next, context: { commandName?: string }) => async (args: { input: Input }) => {
    const { TableName, Bucket, RequestItems = {} } = args.input;
    const matches = context.commandName === command && (TableName ?? Bucket ?? Object.keys(RequestItems)[0]) === target;
    if (!armed || !matches || toSkip-- > 0) return next(args);
    armed = false;
    caught();
    await released;
    try {
      return await next(args);
    } finally {
      answered();
    }
  };
  client.middlewareStack.add(hold as never, { step: 'initialize', name: HOLD } as never);
  return { held, release, landed };
}

/** The handler's log lines for a request: each invocation's run ends with one ("Store step done/failed"). */
function captureLog() {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return (requestId: string) => lines.filter((line) => line.includes('Store step') && line.includes(`"requestId":"${requestId}"`));
}

interface GiveUp {
  /** The call held back: by default the store's first Query or listing, so that the run does nothing. */
  hold?: HoldSpec;
  /** The handler's settings. @default SETTINGS */
  settings?: Record<string, string>;
  /** Checked once the given-up run has been answered for, before the retry starts. */
  beforeRetry?: () => Promise<void>;
}

/**
 * An invocation given up by middy's early timeout while one of its calls was slow, then
 * the retry with the same cursor, as the store round's Retry does; then the given-up
 * run's call is let through and the test waits for that run's end.
 */
async function givenUpThenRetried(
  stores: DemoStores,
  storeId: 'usage-logs' | 'media',
  request: { requestId: string; action: 'collect' | 'erase' },
  { hold, settings = SETTINGS, beforeRetry }: GiveUp = {},
) {
  const { requestId, action } = request;
  const ended = captureLog();
  const handler = storeHandler(stores, storeId, settings);
  const { held, release, landed } = holdOneCall(
    hold ??
      (storeId === 'media'
        ? { client: s3Client(), command: 'ListObjectsV2Command', target: stores.mediaBucket }
        : { client: documentClient(), command: 'QueryCommand', target: stores.tables[storeId]! }),
  );
  const deadline = Date.now() + GIVEN_UP_MS;
  const givenUp = handler({ requestId, action, cursor: null }, contextWithBudget(GIVEN_UP_MS));
  await expect(givenUp).rejects.toMatchObject({ name: 'StoreUnavailableError' });
  await held;
  await beforeRetry?.();
  const retry = await handler({ requestId, action, cursor: null }, contextWithBudget(60_000));
  // The given-up run's own time is over too by now, as in a Lambda environment thawed later.
  await sleep(Math.max(0, deadline - Date.now()));
  release();
  await landed;
  await vi.waitFor(() => expect(ended(requestId)).toHaveLength(2), { timeout: 30_000, interval: 100 });
  return retry;
}

/** The objects under a prefix with their sizes. */
async function objectsUnder(bucket: string, prefix: string): Promise<{ key: string; size: number }[]> {
  const { Contents = [], IsTruncated } = await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  if (IsTruncated) throw new Error('objectsUnder reads one listing page');
  return Contents.map((object) => ({ key: object.Key as string, size: object.Size ?? 0 }));
}

describe('a store invocation given up by its early timeout (one call held back to overrun it)', () => {
  let stores: DemoStores;
  const usageLogs = () => stores.tables['usage-logs']!;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ stores, stop } = await localStores({ 'usage-logs': USAGE_LOGS, media: MEDIA }));
    await createRequest(stores, 'req-given-up-collect', ada.accountId);
    await createRequest(stores, 'req-given-up-erase', bram.accountId);
    await createRequest(stores, 'req-given-up-media', ada.accountId);
    await seedDemoData({
      tables: stores.tables,
      bucket: stores.mediaBucket,
      users: [cas],
      only: ['usage-logs', 'media'],
      sizes: { 'usage-logs': USAGE_LOGS, media: MEDIA },
    });
    for (const late of ['upload', 'record']) await createRequest(stores, `req-given-up-late-${late}`, ada.accountId);
    await createRequest(stores, 'req-given-up-erase-part', cas.accountId);
    await createRequest(stores, 'req-given-up-media-erase', cas.accountId);
  });
  afterEach(() => {
    documentClient().middlewareStack.remove(HOLD);
    s3Client().middlewareStack.remove(HOLD);
    vi.restoreAllMocks();
  });
  afterAll(() => stop?.());

  it('collect: records only the retry’s part, so the package has every item exactly once', async () => {
    const expected = (await itemsOf(usageLogs(), ada.accountId)).map((item) => String(item.sk)).sort();
    const retry = await givenUpThenRetried(stores, 'usage-logs', { requestId: 'req-given-up-collect', action: 'collect' });

    expect(retry).toMatchObject({ done: true, cursor: null, items: USAGE_LOGS });
    const [result] = await readStoreResults(stores.requestsTable, 'req-given-up-collect');
    expect(result).toMatchObject({ storeId: 'usage-logs', action: 'collect', items: USAGE_LOGS });
    expect(result!.parts).toHaveLength(1);
    expect(await keysUnder(stores.exportBucket, 'work/req-given-up-collect/')).toEqual(result!.parts);
    const lines = await readJsonl(stores.exportBucket, result!.parts[0]!);
    expect(lines.map((item) => String(item.sk)).sort()).toEqual(expected);
  });

  it('erase: every item gone, and the retry’s count stands', async () => {
    const retry = await givenUpThenRetried(stores, 'usage-logs', { requestId: 'req-given-up-erase', action: 'erase' });

    expect(retry).toMatchObject({ done: true, cursor: null, items: USAGE_LOGS });
    expect(await itemsOf(usageLogs(), bram.accountId)).toEqual([]);
    const [result] = await readStoreResults(stores.requestsTable, 'req-given-up-erase');
    expect(result).toMatchObject({ storeId: 'usage-logs', action: 'erase', items: USAGE_LOGS });
  });

  it('media collect: only the retry’s manifest part, naming every object once', async () => {
    const prefix = `accounts/${ada.accountId}/`;
    const expected = (await keysUnder(stores.mediaBucket, prefix)).map((key) => key.slice(prefix.length)).sort();
    const retry = await givenUpThenRetried(stores, 'media', { requestId: 'req-given-up-media', action: 'collect' });

    expect(retry).toMatchObject({ done: true, cursor: null, items: MEDIA });
    const [result] = await readStoreResults(stores.requestsTable, 'req-given-up-media');
    expect(result).toMatchObject({ storeId: 'media', action: 'collect', items: MEDIA });
    expect(result!.parts).toHaveLength(1);
    const parts = (await keysUnder(stores.exportBucket, 'work/req-given-up-media/')).filter((key) => key.endsWith('.jsonl'));
    expect(parts).toEqual(result!.parts);
    const records = await readJsonl(stores.exportBucket, result!.parts[0]!);
    expect(records.map((record) => String(record.key)).sort()).toEqual(expected);
  });

  // The late upload is the part's one PutObject (lib-storage sends it without the abort
  // signal); the late record, the part's progress record.
  it.each(['upload', 'record'] as const)('collect: a given-up run’s late %s, landing after the retry’s part, changes nothing recorded', async (late) => {
    const requestId = `req-given-up-late-${late}`;
    const expected = (await itemsOf(usageLogs(), ada.accountId)).map((item) => String(item.sk)).sort();
    // The given-up run keeps back all its time, so it writes its first page only; its last
    // write is held until the retry has written and recorded the whole part.
    const retry = await givenUpThenRetried(
      stores,
      'usage-logs',
      { requestId, action: 'collect' },
      {
        settings: { ...SETTINGS, CONNECTOR_MARGIN_MS: String(GIVEN_UP_MS) },
        hold:
          late === 'upload'
            ? { client: s3Client(), command: 'PutObjectCommand', target: stores.exportBucket }
            : { client: documentClient(), command: 'PutItemCommand', target: stores.requestsTable },
      },
    );

    expect(retry).toMatchObject({ done: true, cursor: null, items: USAGE_LOGS });
    const [result] = await readStoreResults(stores.requestsTable, requestId);
    expect(result).toMatchObject({ storeId: 'usage-logs', action: 'collect', items: USAGE_LOGS });
    expect(result!.parts).toHaveLength(1);
    const lines = await readJsonl(stores.exportBucket, result!.parts[0]!);
    expect(lines.map((item) => String(item.sk)).sort()).toEqual(expected);
  });

  it('erase given up after some of its deletes: the count is every item that existed, once', async () => {
    const table = usageLogs();
    // Pages of 100, 4 batches each: the given-up run deletes its first page and is held at
    // its second page's first batch when its time ends; the retry no longer finds the first.
    const retry = await givenUpThenRetried(
      stores,
      'usage-logs',
      { requestId: 'req-given-up-erase-part', action: 'erase' },
      {
        hold: { client: documentClient(), command: 'BatchWriteItemCommand', target: table, skip: 4 },
        beforeRetry: async () => expect((await itemsOf(table, cas.accountId)).length).toBeLessThanOrEqual(USAGE_LOGS - 100),
      },
    );

    expect(retry).toMatchObject({ done: true, cursor: null, items: USAGE_LOGS });
    expect(await itemsOf(table, cas.accountId)).toEqual([]);
    const [result] = await readStoreResults(stores.requestsTable, 'req-given-up-erase-part');
    expect(result).toMatchObject({ storeId: 'usage-logs', action: 'erase', items: USAGE_LOGS });
  });

  it('media erase given up after some of its deletes: every object and byte counted once', async () => {
    const prefix = `accounts/${cas.accountId}/`;
    const bytes = (await objectsUnder(stores.mediaBucket, prefix)).reduce((sum, object) => sum + object.size, 0);
    // Listings of 5: the given-up run deletes its first 5 objects and is held at its second
    // DeleteObjects when its time ends.
    const retry = await givenUpThenRetried(
      stores,
      'media',
      { requestId: 'req-given-up-media-erase', action: 'erase' },
      {
        settings: { ...SETTINGS, CONNECTOR_PAGE_SIZE: '5' },
        hold: { client: s3Client(), command: 'DeleteObjectsCommand', target: stores.mediaBucket, skip: 1 },
        beforeRetry: async () => expect(await keysUnder(stores.mediaBucket, prefix)).toHaveLength(MEDIA - 5),
      },
    );

    expect(retry).toMatchObject({ done: true, cursor: null, items: MEDIA });
    expect(await keysUnder(stores.mediaBucket, prefix)).toEqual([]);
    const [result] = await readStoreResults(stores.requestsTable, 'req-given-up-media-erase');
    expect(result).toMatchObject({ storeId: 'media', action: 'erase', items: MEDIA, bytes });
  });
});
