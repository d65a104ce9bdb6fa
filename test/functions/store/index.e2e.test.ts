import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readStoreResults } from '../../../functions/connectors/index.js';
import { documentClient, s3Client } from '../../../functions/shared/aws-clients.js';
import { DEMO_USERS, type DemoStores } from '../../../lib/demo/index.js';
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
}
type Input = { TableName?: string; Bucket?: string };

/**
 * Holds the next `command` on the store's table or bucket until `release`: the page of an
 * invocation that runs past its time. The real client and emulator answer it afterwards.
 */
function holdOneCall(client: { middlewareStack: { add: (...args: never[]) => void } }, command: string, target: string): Held {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let caught!: () => void;
  const held = new Promise<void>((resolve) => (caught = resolve));
  let armed = true;
  type Next = (args: { input: Input }) => Promise<unknown>;
  const hold = (next: Next, context: { commandName?: string }) => async (args: { input: Input }) => {
    if (armed && context.commandName === command && (args.input.TableName ?? args.input.Bucket) === target) {
      armed = false;
      caught();
      await released;
    }
    return next(args);
  };
  client.middlewareStack.add(hold as never, { step: 'initialize', name: HOLD } as never);
  return { held, release };
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

/**
 * An invocation given up by middy's early timeout while its page was slow, then the
 * retry with the same cursor, as the store round's Retry does; then the given-up run's
 * page is let through and the test waits for that run's end.
 */
async function givenUpThenRetried(
  stores: DemoStores,
  storeId: 'usage-logs' | 'media',
  request: { requestId: string; action: 'collect' | 'erase' },
) {
  const { requestId, action } = request;
  const ended = captureLog();
  const handler = storeHandler(stores, storeId, SETTINGS);
  const { held, release } =
    storeId === 'media'
      ? holdOneCall(s3Client(), 'ListObjectsV2Command', stores.mediaBucket)
      : holdOneCall(documentClient(), 'QueryCommand', stores.tables[storeId]!);
  const deadline = Date.now() + GIVEN_UP_MS;
  const givenUp = handler({ requestId, action, cursor: null }, contextWithBudget(GIVEN_UP_MS));
  await expect(givenUp).rejects.toMatchObject({ name: 'StoreUnavailableError' });
  await held;
  const retry = await handler({ requestId, action, cursor: null }, contextWithBudget(60_000));
  // The given-up run's own time is over too by now, as in a Lambda environment thawed later.
  await sleep(Math.max(0, deadline - Date.now()));
  release();
  await vi.waitFor(() => expect(ended(requestId)).toHaveLength(2), { timeout: 30_000, interval: 100 });
  return retry;
}

describe('a store invocation given up by its early timeout (one Query or listing held back to overrun it)', () => {
  let stores: DemoStores;
  const usageLogs = () => stores.tables['usage-logs']!;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ stores, stop } = await localStores({ 'usage-logs': USAGE_LOGS, media: MEDIA }));
    await createRequest(stores, 'req-given-up-collect', ada.accountId);
    await createRequest(stores, 'req-given-up-erase', bram.accountId);
    await createRequest(stores, 'req-given-up-media', ada.accountId);
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
});
