/**
 * The `cost` bench section's own process (one local runtime per process; the shared SDK
 * clients must point at it): starts the DSR system with demo data, runs one access and
 * one erasure request end to end, measures what each used and prices it.
 * `npm run bench -- --section cost` runs it.
 */
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_SIZES, DEMO_USERS, type DemoUser } from '../../../lib/demo/index.js';
import { readMailbox } from '../../../lib/local-runtime/index.js';
import { dsrTemplate, startDsrLocal, type DsrLocal } from '../../../lib/local/dsr-local.js';
import { runJourney, watchEnded, type RequestKind } from './journey.js';
import { UsageMeter, type Usage } from './meters.js';
import { executionArnOf } from '../../../functions/core/request/executions.js';
import { costRows, expressGbSeconds, formatCostTable, gbMonths, lambdaGbSeconds, usd, totalCost, type RequestUsage } from './pricing.js';

const STEP_TIMEOUT_MS = 120_000;
const started = performance.now();
const log = (line: string) => console.log(`[bench ${(performance.now() / 1000).toFixed(1).padStart(6)} s] ${line}`);

interface Measured {
  kind: RequestKind;
  requestId: string;
  usage: RequestUsage;
  detail: string[];
}

let meter: UsageMeter | undefined;
// Handlers log warnings only, so that the tables are readable. The deadline watch keeps
// its real Wait (days): the workflow's Close stops it, as in AWS.
const dsr = await startDsrLocal({
  env: { LOG_LEVEL: 'WARN', POWERTOOLS_LOG_LEVEL: 'WARN' },
  onInvoke: (call) => meter?.onInvoke(call),
});
log(`local runtime up after ${((performance.now() - started) / 1000).toFixed(1)} s`);
try {
  meter = new UsageMeter(dsr.runtime.endpoints);
  meter.attach();
  const sfn = new SFNClient({ endpoint: dsr.runtime.endpoints.sfn });
  const s3 = new S3Client({ endpoint: dsr.runtime.endpoints.s3, forcePathStyle: true });
  const [ada, bram] = DEMO_USERS as [DemoUser, DemoUser];
  const results: Measured[] = [];
  for (const [kind, user] of [['access', ada], ['erasure', bram]] as const) {
    results.push(await measure(dsr, meter, { sfn, s3 }, kind, user));
  }
  console.log(`\nCost per request, measured on the local runtime (demo users, ${JSON.stringify(DEFAULT_SIZES)} items per store)\n`);
  for (const result of results) console.log(`${result.kind} ${result.requestId}:\n${result.detail.map((line) => `  ${line}`).join('\n')}\n`);
  const columns = results.map(({ kind, usage }) => ({ name: kind, rows: costRows(usage) }));
  console.log(`${formatCostTable(columns)}\n`);
  console.log(
    [
      'How: transitions = StateEntered events in GetExecutionHistory of the request\'s workflow and deadline-watch',
      'executions (local SFN endpoint); Express = the store-work rounds the workflow started (the runtime\'s record, as',
      'CloudWatch Logs would show them), each billed per execution and by duration (100 ms steps, 64 MB); Lambda = every',
      'handler call the runtime made (onInvoke), each rounded up to the ms, at the MemorySize of the template; DynamoDB =',
      'ConsumedCapacity the emulator reports for each call of the handlers\' shared client, at least 0.5 RRU a read, 1 WRU',
      'a write refused by its condition, plus index writes counted from the item before and after each write; S3 = the shared client\'s requests by price class',
      'plus the requester\'s download, storage = objects the request left in the export bucket for the days its',
      'lifecycle rule keeps them; SES = recipients of the emails the mailbox received; API Gateway = the calls of the',
      'requester and the privacy team (the bench waits on the mailbox and the executions, not on the API).',
      'Not measured: KMS, CloudWatch Logs and metrics, X-Ray, Secrets Manager, data transfer, Cognito, CloudFront.',
      'Lambda wall times are this machine\'s, all handlers in one process: the store pages of a round run at the same time and',
      'share its CPU, so their times overlap (an upper bound); AWS durations differ, and cold starts (INIT) are not in them.',
      'Prices are approximate (bin/bench/cost/pricing.ts); check the AWS pricing pages.',
    ].join('\n'),
  );
  console.log(`\ntotal: ${results.map(({ kind, usage }) => `${kind} ${usd(totalCost(costRows(usage)))}`).join(', ')}`);
} finally {
  await dsr.stop();
}

async function measure(dsr: DsrLocal, meter: UsageMeter, clients: { sfn: SFNClient; s3: S3Client }, kind: RequestKind, user: DemoUser): Promise<Measured> {
  const mailsBefore = (await readMailbox(dsr.mailboxUrl)).length;
  const objectsBefore = await listObjects(clients.s3, dsr.resources.exportBucket);
  meter.reset();
  const journey = await runJourney(dsr, kind, user, STEP_TIMEOUT_MS);
  await watchEnded(dsr, journey.requestId, STEP_TIMEOUT_MS);
  const usage: Usage = meter.usage;
  meter.reset();

  const histories = await requestHistories(clients.sfn, journey.requestId);
  const enteredStates = (events: HistoryEvent[]) => events.filter((event) => event.type?.endsWith('StateEntered'));
  const entered = (events: HistoryEvent[]) => enteredStates(events).length;
  const stateNames = (events: HistoryEvent[]) => enteredStates(events).map((event) => event.stateEnteredEventDetails?.name).join(', ');
  const [workflow, watch] = [histories.workflow, histories.watch];
  const retries = [...workflow, ...watch].filter((event) => event.type === 'TaskFailed').length;
  // Express executions have no history in AWS either: what bills them is their number and duration.
  const rounds = dsr.runtime.stepFunctions
    .expressExecutions(executionArnOf(dsr.resources.workflowArn, journey.requestId))
    .map((round) => ({ durationMs: round.stopDate!.getTime() - round.startDate.getTime() }));

  const mails = (await readMailbox(dsr.mailboxUrl)).slice(mailsBefore);
  const recipients = mails.reduce((sum, mail) => sum + mail.destination.to.length + mail.destination.cc.length + mail.destination.bcc.length, 0);

  const objectsAfter = await listObjects(clients.s3, dsr.resources.exportBucket);
  const kept = [...objectsAfter].filter(([key, size]) => objectsBefore.get(key) !== size);
  const rules = exportLifecycle(dsr);
  const stored = kept.map(([key, size]) => ({ key, size, days: rules.find((rule) => key.startsWith(rule.prefix))?.days }));
  const downloaded = journey.downloadedBytes > 0 ? 1 : 0;

  const byFunction = new Map<string, { calls: number; ms: number; memory: number }>();
  for (const call of usage.invocations) {
    const entry = byFunction.get(call.logicalId) ?? { calls: 0, ms: 0, memory: call.memorySize };
    entry.calls += 1;
    entry.ms += call.durationMs;
    byFunction.set(call.logicalId, entry);
  }
  const db = usage.dynamodb;
  const measured: RequestUsage = {
    transitions: entered(workflow) + entered(watch),
    express: { executions: rounds.length, gbSeconds: expressGbSeconds(rounds) },
    lambda: { invocations: usage.invocations.length, gbSeconds: lambdaGbSeconds(usage.invocations) },
    emailRecipients: recipients,
    dynamodb: { writeUnits: db.tableWriteUnits + db.indexWriteUnits + db.failedConditions, readUnits: db.readUnits },
    s3: {
      putRequests: usage.s3.put,
      getRequests: usage.s3.get + downloaded,
      // An object no lifecycle rule expires is priced for one month.
      storedGbMonths: stored.reduce((sum, object) => sum + gbMonths(object.size, object.days ?? 30), 0),
    },
    apiRequests: journey.apiRequests,
  };
  const detail = [
    `Step Functions: workflow ${entered(workflow)} transitions, deadline watch ${entered(watch)}; task failures (retries) ${retries}`,
    `  states entered: workflow ${stateNames(workflow)}; deadline watch ${stateNames(watch)}`,
    `Step Functions express: ${rounds.length} store-work rounds, ${rounds.map((round) => `${round.durationMs} ms`).join(', ') || 'none'}`,
    `Lambda: ${usage.invocations.length} invocations, ${measured.lambda.gbSeconds.toFixed(3)} GB-s, ${usage.invocations.filter((c) => c.failed).length} failed`,
    ...[...byFunction].map(([id, f]) => `  ${id.padEnd(34)} ${String(f.memory).padStart(4)} MB  ${String(f.calls).padStart(3)} calls  ${f.ms.toFixed(0).padStart(6)} ms`),
    `DynamoDB: ${db.reads} reads = ${db.readUnits} RRU; ${db.writes} writes = ${db.tableWriteUnits} WRU table + ${db.indexWriteUnits} WRU index + ${db.failedConditions} refused by condition`,
    `S3: ${usage.s3.put} PUT-class, ${usage.s3.get} GET-class + ${downloaded} requester download (${journey.downloadedBytes} bytes), ${usage.s3.free} free (delete); ${JSON.stringify(usage.s3.byCommand)}`,
    `S3 kept: ${stored.map((o) => `${o.key.replace(journey.requestId, '<id>')} ${o.size} bytes for ${o.days ?? 'no expiry:'} days`).join('; ') || 'nothing'}`,
    `SES: ${mails.length} emails to ${recipients} recipients: ${mails.map((mail) => mail.subject.replace(journey.requestId, '<id>')).join(' | ')}`,
    `API Gateway: ${journey.apiRequests} requests`,
  ];
  log(`${kind} ${journey.requestId}: measured`);
  return { kind, requestId: journey.requestId, usage: measured, detail };
}

/** The request's executions (named by its id) of both state machines, by ListExecutions and GetExecutionHistory. */
async function requestHistories(sfn: SFNClient, requestId: string) {
  const history = async (stateMachineArn: string) => {
    const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
    const execution = executions.find((e) => e.name === requestId);
    if (!execution) throw new Error(`no execution ${requestId} of ${stateMachineArn}`);
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn: execution.executionArn, maxResults: 1000, nextToken }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  };
  return { workflow: await history(dsr.resources.workflowArn), watch: await history(dsr.resources.watchArn) };
}

async function listObjects(s3: S3Client, bucket: string): Promise<Map<string, number>> {
  const objects = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) objects.set(object.Key!, object.Size ?? 0);
    token = page.NextContinuationToken;
  } while (token);
  return objects;
}

/** The export bucket's expiring lifecycle rules, from the template: prefix and days. */
function exportLifecycle(dsr: DsrLocal): { prefix: string; days: number }[] {
  const [, bucket] = Object.entries<any>(dsrTemplate().Resources).find(
    ([logicalId, resource]) => resource.Type === 'AWS::S3::Bucket' && dsr.runtime.names(logicalId) === dsr.resources.exportBucket,
  )!;
  const rules = (bucket.Properties.LifecycleConfiguration?.Rules ?? []) as { Prefix?: string; ExpirationInDays?: number; Status: string }[];
  return rules
    .filter((rule) => rule.Status === 'Enabled' && rule.ExpirationInDays)
    .map((rule) => ({ prefix: rule.Prefix ?? '', days: rule.ExpirationInDays! }));
}
