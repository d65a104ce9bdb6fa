import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordExpiresAt } from '../../functions/core/retention/index.js';
import { executionArnOf } from '../../functions/core/request/executions.js';
import { closedIndex, requestKeys } from '../../functions/core/request/keys.js';
import { createHandler } from '../../functions/retention/index.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { logger } from '../../functions/shared/logger.js';
import { DynamoRequestsRepo } from '../../functions/shared/requests-repo.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { dsrTemplate } from '../../lib/local/dsr-local.js';
import { journey } from './journey.js';
import { startEmbedded, type DsrTarget } from './target.js';

const [ada, bram] = DEMO_USERS as [typeof DEMO_USERS[0], typeof DEMO_USERS[0]];
const DAY = 24 * 3600 * 1000;

/**
 * The daily retention purge on the emulators: real requests closed by the workflow, the
 * purge handler called as the schedule calls it, with the environment the template gives
 * it and a clock years ahead. Embedded only: it needs the handler in this process.
 */
let target: DsrTarget;
let flow: ReturnType<typeof journey>;
let purgeEnv: Record<string, string>;

beforeAll(async () => {
  target = await startEmbedded();
  flow = journey(target);
  const [purge] = Object.values<any>(dsrTemplate().Resources).filter(
    (resource) => resource.Metadata?.DsrEntry === 'functions/retention/index.ts',
  );
  purgeEnv = target.local!.runtime.resolve(purge.Properties.Environment.Variables) as Record<string, string>;
});
afterAll(async () => target?.stop());

const purgeAt = (now: Date, context?: { getRemainingTimeInMillis(): number }) =>
  createHandler(purgeEnv, { now: () => now, pageSize: 2 })({}, context);

async function partition(requestId: string): Promise<string[]> {
  const page = await documentClient().send(
    new QueryCommand({
      TableName: target.resources.requestsTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': requestKeys.pk(requestId) },
    }),
  );
  return (page.Items ?? []).map((item) => String(item.sk)).sort();
}

async function everyKey(): Promise<string[]> {
  const page = await documentClient().send(new ScanCommand({ TableName: target.resources.requestsTable, ProjectionExpression: 'pk, sk' }));
  expect(page.LastEvaluatedKey).toBeUndefined();
  return (page.Items ?? []).map((item) => `${item.pk} ${item.sk}`).sort();
}

describe.sequential('the daily retention purge', () => {
  let rejected: string;
  let open: string;
  let recent: string;
  let closedAt: string;
  let before: string[];

  it('starts from a rejected request, an open one and one closed three days later', async () => {
    expect(purgeEnv.RECORD_RETENTION_YEARS).toBe('5');
    rejected = await flow.reachReview({ type: 'access', email: ada.email, details: 'to reject' });
    expect((await flow.api.admin(`/requests/${rejected}/reject`, 'POST', { reasonCode: 'excessive', reason: 'Repeated request.' })).status).toBe(200);
    const { workflowArn } = target.resources;
    await target.local!.runtime.stepFunctions.waitForExecution(executionArnOf(workflowArn, rejected), { timeoutMs: 20_000 });
    closedAt = (await flow.waitForStatus(rejected, 'rejected')).closedAt;

    open = await flow.submit({ type: 'erasure', email: bram.email });
    await flow.identityLink(open, bram.email);
    // A duplicate closes at intake; its closure is set three days after the rejection's.
    recent = await flow.submit({ type: 'erasure', email: bram.email, details: 'again' });
    await flow.waitForStatus(recent, 'duplicate');
    await new DynamoRequestsRepo(target.resources.requestsTable).update(recent, { closedAt: new Date(Date.parse(closedAt) + 3 * DAY).toISOString() });

    const items = await partition(rejected);
    // The request, its steps, audit events, mail markers: all in its partition.
    expect(items).toContain(requestKeys.meta);
    expect(items.some((sk) => sk.startsWith('EVT#'))).toBe(true);
    expect(items.some((sk) => sk.startsWith('STEP#'))).toBe(true);
    expect(items.some((sk) => sk.startsWith('MAIL#'))).toBe(true);
    before = await everyKey();
  });

  it('deletes nothing a day before the record expires', async () => {
    const expiry = new Date(recordExpiresAt(closedAt, 5).epochMilliseconds);
    expect(expiry.toISOString().slice(0, 4)).toBe(String(Number(closedAt.slice(0, 4)) + 5));
    const result = await purgeAt(new Date(expiry.getTime() - DAY));
    expect(result).toMatchObject({ requestsPurged: 0, itemsDeleted: 0, complete: true });
    expect(await everyKey()).toEqual(before);
  });

  it('stops before its time budget and leaves the rest to the next run', async () => {
    const result = await purgeAt(new Date(recordExpiresAt(closedAt, 5).epochMilliseconds + DAY), { getRemainingTimeInMillis: () => 5_000 });
    expect(result).toMatchObject({ requestsPurged: 0, complete: false });
    expect(await everyKey()).toEqual(before);
  });

  it('deletes every item of the expired request’s partition 5 years and a day after closure, and nothing else', async () => {
    const info = vi.spyOn(logger, 'info');
    const gone = (await partition(rejected)).map((sk) => `${requestKeys.pk(rejected)} ${sk}`);
    const result = await purgeAt(new Date(recordExpiresAt(closedAt, 5).epochMilliseconds + DAY));
    expect(result).toMatchObject({ retentionYears: 5, requestsPurged: 1, itemsDeleted: gone.length, requestIds: [rejected], complete: true });
    expect(await partition(rejected)).toEqual([]);
    expect(await everyKey()).toEqual(before.filter((key) => !gone.includes(key)));
    // The open request and the one closed later keep every item.
    expect((await flow.detail(open)).status).toBe('awaiting_identity');
    expect((await flow.detail(recent)).status).toBe('duplicate');
    expect((await flow.api.admin(`/requests/${rejected}`)).status).toBe(404);
    // One summary line: counts and request ids, nothing about the person.
    const summary = info.mock.calls.filter(([message]) => message === 'retention purge');
    expect(summary).toHaveLength(1);
    expect(JSON.stringify(summary[0])).not.toMatch(/@|example\./);
    info.mockRestore();
    // The retention index holds the recent closure only.
    const index = await documentClient().send(
      new QueryCommand({
        TableName: target.resources.requestsTable,
        IndexName: closedIndex.name,
        KeyConditionExpression: 'closedPk = :closed',
        ExpressionAttributeValues: { ':closed': closedIndex.partition },
      }),
    );
    expect((index.Items ?? []).map((item) => item.pk)).toEqual([requestKeys.pk(recent)]);
    // A second run finds nothing more.
    expect(await purgeAt(new Date(recordExpiresAt(closedAt, 5).epochMilliseconds + DAY))).toMatchObject({ requestsPurged: 0 });
  });
});
