import { strFromU8, unzipSync } from 'fflate';
import { STORES } from '../../../functions/core/inventory/index.js';
import { forEachLimit } from '../../../functions/connectors/pool.js';
import { readMailbox, type MailboxEmail, type SucceededCall } from '../../local-runtime/index.js';
import type { DsrLocal } from '../dsr-local.js';
import { storeItemCount } from '../store-count.js';
import { checkMails, countCrashedSends } from './mail-count.js';
import { expectedMailKinds, type SoakRequester } from './people.js';
import type { SoakClient } from './run.js';

export interface SoakChecks {
  /** Everything that went wrong, in words; empty when the soak passed. */
  problems: string[];
  /** Final status → number of requests. */
  statuses: Record<string, number>;
  /** Emails of the soak's requests in the mailbox. */
  emailsSent: number;
  /** Emails the requests' markers say went out: each should be in the mailbox once. */
  emailsExpected: number;
  /**
   * Emails in the mailbox twice whose first copy SES accepted right before its Lambda was
   * killed (the window README "Failure behaviour" describes); any other repeat is a problem.
   */
  resentAfterCrash: number;
  packagesChecked: number;
  erasuresChecked: number;
}

interface CheckInput {
  local: DsrLocal;
  api: SoakClient;
  requesters: SoakRequester[];
  ids: Map<SoakRequester, string>;
  rejections: unknown[];
  crashes: readonly SucceededCall[];
}

/** Audit events that legitimately repeat: one per failure occurrence and its retry. */
const perOccurrence = (event: { details?: Record<string, unknown> }) =>
  /^(store|step)_failure/.test(String(event.details?.step ?? ''));

/**
 * The soak's verdict, read from the system's own surfaces after the run: every request
 * completed with the emails of its kind sent once each, every erasure done in the stores
 * (invoices kept), every package exact, no audit event twice, no unhandled rejection.
 */
export async function checkSoak(input: CheckInput): Promise<SoakChecks> {
  const { local, api, requesters, ids } = input;
  const checks: SoakChecks = { problems: [], statuses: {}, emailsSent: 0, emailsExpected: 0, resentAfterCrash: 0, packagesChecked: 0, erasuresChecked: 0 };
  const problem = (line: string) => checks.problems.push(line);
  const mailbox = await readMailbox(local.mailboxUrl);
  const executions = local.runtime.stepFunctions.listExecutions({ stateMachineArn: local.resources.workflowArn }).executions;
  const crashedSends = countCrashedSends(input.crashes);

  await forEachLimit(requesters, 8, async (requester) => {
    const id = ids.get(requester)!;
    const what = `${id} (${requester.right}${requester.heavy ? ', heavy' : ''})`;
    const { body: request } = await api.admin(`/requests/${id}`);
    checks.statuses[request.status] = (checks.statuses[request.status] ?? 0) + 1;
    if (request.status !== 'completed') {
      const execution = executions.find((item) => item.name === id);
      const failure = execution?.status === 'FAILED' ? local.runtime.stepFunctions.describeExecution(execution.executionArn) : undefined;
      const why = failure ? ` (${failure.error}: ${failure.cause?.slice(0, 200)})` : '';
      // Where it is stuck: the steps the team can act on, and the states that wait for a callback.
      const steps = request.pendingSteps.map((step: { stepKey: string }) => step.stepKey).join(', ') || 'none';
      const waiting = execution ? local.runtime.stepFunctions.pendingTaskTokens(execution.executionArn).map((callback) => callback.stateName).join(', ') : '';
      problem(`${what} ended ${request.status}, pending ${request.pendingStep ?? 'nothing'} (steps: ${steps}; waiting in: ${waiting || 'no state'}); its execution ${execution?.status ?? 'missing'}${why}`);
    }
    for (const kind of expectedMailKinds(requester)) {
      if (!request.emailsSent.includes(kind)) problem(`${what}: no ${kind} email marked sent`);
    }
    if (request.noticesPending.length > 0) problem(`${what}: notices still pending (${request.noticesPending.join(', ')})`);
    checkAudit(what, request.audit, problem);
    checkMails(what, id, request.emailsSent, mailbox, crashedSends, checks);
    if (requester.right === 'erasure') {
      await checkErased(what, local, requester, problem);
      checks.erasuresChecked += 1;
    }
    if (requester.right === 'access' || requester.right === 'portability') {
      await checkPackage(what, id, requester, mailbox, api, problem);
      checks.packagesChecked += 1;
    }
  });
  for (const reason of input.rejections) problem(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
  return checks;
}

function checkAudit(what: string, audit: Array<{ type: string; details?: Record<string, unknown> }>, problem: (line: string) => void) {
  const seen = new Set<string>();
  for (const event of audit) {
    if (perOccurrence(event)) continue;
    const key = `${event.type} ${JSON.stringify(event.details ?? {})}`;
    if (seen.has(key)) problem(`${what}: audit event twice: ${key}`);
    seen.add(key);
  }
}

async function checkErased(what: string, local: DsrLocal, requester: SoakRequester, problem: (line: string) => void) {
  for (const store of STORES) {
    const left = await storeItemCount(local.resources, store.id, requester.user.accountId);
    const expected = store.erasure.action === 'retain' ? requester.sizes[store.id] : 0;
    if (left !== expected) problem(`${what}: ${store.id} holds ${left} items after the erasure, expected ${expected}`);
  }
}

async function checkPackage(what: string, id: string, requester: SoakRequester, mailbox: MailboxEmail[], api: SoakClient, problem: (line: string) => void) {
  const mail = mailbox.find((m) => m.subject.includes(id) && /\/v1\/downloads\//.test(m.body.text ?? ''));
  const link = /\/v1\/downloads\/[A-Za-z0-9_-]+/.exec(mail?.body.text ?? '')?.[0];
  if (!link) return problem(`${what}: no download link in the mailbox`);
  const redirect = await api.call(link);
  const location = redirect.headers.get('location');
  if (redirect.status !== 302 || !location) return problem(`${what}: the download link answered ${redirect.status}`);
  const files = unzipSync(new Uint8Array(await (await fetch(location)).arrayBuffer()));
  const stores = STORES.filter((store) => requester.right === 'access' || store.portable);
  for (const store of STORES) {
    const included = stores.includes(store);
    const count = store.location.kind === 's3'
      ? Object.keys(files).filter((name) => name.startsWith('media/')).length
      : files[`data/${store.id}.json`] ? (JSON.parse(strFromU8(files[`data/${store.id}.json`]!)) as unknown[]).length : 0;
    const expected = included ? requester.sizes[store.id] : 0;
    if (count !== expected) problem(`${what}: the package has ${count} ${store.id} items, expected ${expected}`);
  }
}
