import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionArnOf } from '../../functions/core/request/executions.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { DEMO_USERS, seedDemoData } from '../../lib/demo/index.js';
import { journey } from './journey.js';
import { eventually, onLocalStack, startEmbedded, type DsrTarget } from './target.js';

const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];
/** A heavy API user, scaled down: more usage-log items than 100 pages of 10 hold. */
const USAGE_LOGS = 1_050;
const PAGE_SIZE = 10;
const ROUNDS_AT_LEAST = Math.ceil(USAGE_LOGS / PAGE_SIZE);

let target: DsrTarget;
let flow: ReturnType<typeof journey>;

async function usageLogsOf(accountId: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: target.resources.storeTables['usage-logs'],
        KeyConditionExpression: 'accountId = :id',
        ExpressionAttributeValues: { ':id': accountId },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/** Runs an approved request to its end and returns its detail and how many store-work rounds it took. */
async function approveAndFinish(requestId: string) {
  await flow.api.admin(`/requests/${requestId}/approve`, 'POST');
  const { stepFunctions } = target.local!.runtime;
  const execution = executionArnOf(target.resources.workflowArn, requestId);
  expect((await stepFunctions.waitForExecution(execution, { timeoutMs: 240_000 })).status).toBe('SUCCEEDED');
  const events = [];
  let nextToken: string | undefined;
  do {
    const page = stepFunctions.getExecutionHistory(execution, { maxResults: 1000, nextToken });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  const roundsStarted = events.filter(
    (event) => event.type === 'TaskStateEntered' && /^(hold|collect|erase) stores$/.test((event.stateEnteredEventDetails as { name: string }).name),
  ).length;
  const transitions = events.filter((event) => event.type.endsWith('StateEntered')).length;
  const rounds = stepFunctions.expressExecutions(execution);
  console.info(`${requestId}: ${rounds.length} Express rounds, ${transitions} Standard transitions in all`);
  return { request: await flow.detail(requestId), rounds, roundsStarted, transitions };
}

// The embedded runtime only: the connectors' time budget is a handler setting of this process.
describe.skipIf(onLocalStack)('a store too large for one invocation, in a loop of 100-plus rounds', () => {
  beforeAll(async () => {
    target = await startEmbedded({
      // Every invocation keeps back all of its time: it handles one page of 10 and returns
      // its cursor, as a connector whose budget runs out on a huge partition does.
      env: { CONNECTOR_PAGE_SIZE: String(PAGE_SIZE), CONNECTOR_MARGIN_FRACTION: '1' },
    });
    flow = journey(target);
    for (const user of [ada, bram]) {
      await seedDemoData({
        tables: target.resources.storeTables,
        bucket: target.resources.mediaBucket,
        users: [user],
        only: ['usage-logs'],
        sizes: { 'usage-logs': USAGE_LOGS - (await usageLogsOf(user.accountId)) },
      });
      expect(await usageLogsOf(user.accountId)).toBe(USAGE_LOGS);
    }
  }, 120_000);
  afterAll(async () => target?.stop());

  it('collects every item, one page per round, into the package', async () => {
    // Usage logs age out, so they are collected (held) before the review: 100-plus rounds first.
    const requestId = await flow.submit({ type: 'access', email: ada.email, details: 'heavy user: access' });
    await flow.confirmIdentity(requestId, ada.email);
    await eventually(async () => ((await flow.detail(requestId)).pendingStep === 'review' ? true : undefined), 'review after the hold', 240_000);
    const { request, rounds, roundsStarted, transitions } = await approveAndFinish(requestId);

    const collected = request.stores.find((s: any) => s.storeId === 'usage-logs' && s.action === 'collect');
    expect(collected.items).toBe(USAGE_LOGS);
    expect(collected.parts.length).toBeGreaterThanOrEqual(ROUNDS_AT_LEAST);
    // The Standard workflow looped across Express rounds; no round came near its 5 minutes.
    expect(rounds.length).toBeGreaterThanOrEqual(ROUNDS_AT_LEAST);
    expect(roundsStarted).toBe(rounds.length);
    expect(rounds.every((round) => round.status === 'SUCCEEDED')).toBe(true);
    // Billed per round in the Standard workflow: the task that runs it and the Choice after it.
    expect(transitions).toBeLessThanOrEqual(2 * rounds.length + 20);

    const mail = (await flow.mailsFor(requestId)).find((m) => /ready to download/.test(m.subject))!;
    const link = /\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    const redirect = await flow.api.call(link);
    const files = unzipSync(new Uint8Array(await (await fetch(redirect.headers.get('location')!)).arrayBuffer()));
    expect(JSON.parse(strFromU8(files['data/usage-logs.json']!))).toHaveLength(USAGE_LOGS);
  }, 300_000);

  it('erases every item, one page per round, and nothing of another user', async () => {
    const requestId = await flow.reachReview({ type: 'erasure', email: bram.email, details: 'heavy user: erasure' });
    const { request, rounds } = await approveAndFinish(requestId);

    expect(await usageLogsOf(bram.accountId)).toBe(0);
    expect(await usageLogsOf(ada.accountId)).toBe(USAGE_LOGS);
    const erased = request.stores.find((s: any) => s.storeId === 'usage-logs' && s.action === 'erase');
    expect(erased.items).toBe(USAGE_LOGS);
    expect(rounds.length).toBeGreaterThanOrEqual(ROUNDS_AT_LEAST);
  }, 300_000);
});
