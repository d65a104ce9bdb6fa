import { signPayload } from '../../../functions/core/intake/signature.js';
import { forEachLimit } from '../../../functions/connectors/pool.js';
import { readMailbox, type FaultCounts, type FaultSpec, type MailboxEmail } from '../../local-runtime/index.js';
import { seedDemoData } from '../../demo/index.js';
import { DEV_RECIPIENT_CONTACTS } from '../dev-defaults.js';
import { dsrTemplate, startDsrLocal, type DsrLocal } from '../dsr-local.js';
import { checkSoak, type SoakChecks } from './checks.js';
import { approvalBody, planRequesters, type SoakPlanOptions, type SoakRequester } from './people.js';
import { probeExhaustedRetries, type ExhaustedRetriesProbe } from './probe.js';
import { openRequests } from './queue.js';
import { retryingStates } from './states.js';

export interface SoakOptions extends SoakPlanOptions {
  faults: FaultSpec;
  /** Give up waiting for the requests to end after this long. Default 10 minutes. */
  drainTimeoutMs?: number;
  /** Milliseconds between retries of every workflow state. Default 200. */
  retryIntervalMs?: number;
  /** sendOnce's lease (15 minutes in AWS). Default 1000 ms, under the state retries' span. */
  mailClaimLeaseMs?: number;
  /**
   * Objects the Restrict step handles per invocation (1000 as deployed). Default 10: under
   * `crash` an invocation of n calls survives with probability (1 - crash)^n, so a heavy
   * account's restriction needs small pages to get through, as in AWS a very large one needs
   * pages to fit Lambda's timeout.
   */
  restrictionPageSize?: number;
  log?: (line: string) => void;
}

export interface SoakFigures {
  requests: number;
  heavy: number;
  faults: FaultCounts;
  retries: {
    /** Handler invocations that failed (each retried by Step Functions, the SDK caller or the person). */
    failedInvocations: number;
    /** Public and admin calls answered 503 (retries spent) and repeated by the requester or the team. */
    callsRepeatedAfter503: number;
    /** Calls answered 502 (API Gateway's answer when the route's Lambda died) and repeated. */
    callsRepeatedAfter502: number;
    /** The team's store and step retries through the admin API. */
    teamRetries: number;
    /** The team's send-notices calls. */
    noticeResends: number;
  };
  drainMs: number;
  emails: { sent: number; expected: number };
}

export interface SoakReport {
  figures: SoakFigures;
  checks: SoakChecks;
  probe: ExhaustedRetriesProbe;
  /** Everything that went wrong, in words; empty when the soak passed. */
  problems: string[];
}

const POLL_MS = 500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A soak: many requests of every right, concurrently, on the local runtime with faults
 * injected into the handlers' AWS calls; the requesters confirm their identity links and
 * the privacy team works the queue through the admin API as a person would (approves,
 * retries failed stores and steps, sends pending notices), every call repeated while it
 * answers 503. When every request has ended (or the time is up) the faults stop and the
 * end state is checked (see checkSoak).
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const requesters = planRequesters(options);
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  let failedInvocations = 0;
  const retryIntervalMs = options.retryIntervalMs ?? 200;
  // The template startDsrLocal runs (same settings, so it is synthesized once).
  const stackProps = { restrictionMediaPageSize: options.restrictionPageSize ?? 10 };
  const template = dsrTemplate({ recipientContacts: { ...DEV_RECIPIENT_CONTACTS }, ...stackProps });
  const overrides = Object.fromEntries(retryingStates(template).map((name) => [name, retryIntervalMs]));
  const local = await startDsrLocal({
    seed: false,
    stackProps,
    faults: options.faults,
    retryIntervalOverrides: overrides,
    mailClaimLeaseMs: options.mailClaimLeaseMs ?? 1000,
    expirySweepMs: 0,
    onInvoke: (invocation) => (failedInvocations += invocation.failed ? 1 : 0),
  });
  try {
    for (const requester of requesters) {
      await seedDemoData({ tables: local.resources.storeTables, bucket: local.resources.mediaBucket, users: [requester.user], sizes: requester.sizes });
    }
    log(`seeded ${requesters.length} users (${requesters.filter((r) => r.heavy).length} heavy); faults ${JSON.stringify(options.faults.rates)} seed ${options.faults.seed}`);
    const api = soakClient(local);
    const started = performance.now();
    const ids = new Map<SoakRequester, string>();
    await forEachLimit(requesters, 16, async (requester) => {
      ids.set(requester, await api.submit(requester));
    });
    log(`submitted ${ids.size} requests in ${Math.round(performance.now() - started)} ms`);
    const team = teamOf(api, ids);
    const deadline = Date.now() + (options.drainTimeoutMs ?? 600_000);
    let closed = 0;
    while (Date.now() < deadline) {
      const mail = await readMailbox(local.mailboxUrl);
      await api.confirmIdentities(mail, ids);
      closed = await team.workQueue();
      log(`${closed}/${ids.size} closed, ${Math.round((performance.now() - started) / 1000)} s, faults ${JSON.stringify(local.runtime.faultCounts)}`);
      if (closed === ids.size) break;
      await pause(POLL_MS);
    }
    const drainMs = Math.round(performance.now() - started);
    // The verdict is read on a healthy system: the faults were the run's, not the reader's.
    local.runtime.setFaults(undefined);
    await api.idle();
    const checks = await checkSoak({ local, api, requesters, ids, rejections, crashes: local.runtime.faultCrashes });
    const probe = await probeExhaustedRetries(local);
    return {
      figures: {
        requests: ids.size,
        heavy: requesters.filter((r) => r.heavy).length,
        faults: { ...local.runtime.faultCounts },
        retries: { failedInvocations, ...api.repeated(), teamRetries: team.retries(), noticeResends: team.noticeResends() },
        drainMs,
        emails: { sent: checks.emailsSent, expected: checks.emailsExpected },
      },
      checks,
      probe,
      problems: checks.problems,
    };
  } finally {
    process.off('unhandledRejection', onRejection);
    await local.stop();
  }
}

export type SoakClient = ReturnType<typeof soakClient>;

/**
 * The requesters' and the team's HTTP calls; each repeats while the API answers 503 (as its
 * Retry-After asks) or 502 (the route's Lambda died: API Gateway's answer, as a webhook
 * sender or a browser user retries it).
 */
export function soakClient(local: DsrLocal) {
  const repeats = { 502: 0, 503: 0 };
  const retryable = (status: number): status is 502 | 503 => status === 502 || status === 503;
  let inFlight = 0;
  async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
    inFlight += 1;
    try {
      for (;;) {
        const response = await fetch(`${local.apiUrl}${path}`, { redirect: 'manual', ...init });
        const text = await response.text();
        if (!retryable(response.status)) {
          let body: any = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // A page, not JSON.
          }
          return { status: response.status, body, headers: response.headers };
        }
        repeats[response.status] += 1;
        await pause(100 + Math.random() * 200);
      }
    } finally {
      inFlight -= 1;
    }
  }
  const admin = (path: string, method = 'GET', body?: unknown) =>
    call(`/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${local.adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const confirmed = new Set<string>();

  return {
    call,
    admin,
    repeated: () => ({ callsRepeatedAfter503: repeats[503], callsRepeatedAfter502: repeats[502] }),
    async idle() {
      while (inFlight > 0) await pause(50);
    },
    async submit(requester: SoakRequester): Promise<string> {
      const raw = JSON.stringify({ type: requester.right, email: requester.user.email, locale: requester.user.locale });
      // Signed again on every try, as a webhook sender does; the key makes a repeat the same request.
      for (;;) {
        const response = await fetch(`${local.apiUrl}/v1/requests`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `soak-${requester.index}`,
            'x-dsr-signature': signPayload(local.webhookSecret, raw, Math.floor(Date.now() / 1000)),
          },
          body: raw,
        });
        const text = await response.text();
        if (response.status === 202) return (JSON.parse(text) as { requestId: string }).requestId;
        if (!retryable(response.status)) throw new Error(`intake answered ${response.status} ${text}`);
        repeats[response.status] += 1;
        await pause(100 + Math.random() * 200);
      }
    },
    /** Each requester opens the link in their acknowledgement and confirms, once. */
    async confirmIdentities(mail: MailboxEmail[], ids: Map<SoakRequester, string>) {
      const waiting = new Set([...ids.values()].filter((id) => !confirmed.has(id)));
      await forEachLimit(mail, 8, async (email) => {
        const link = /\/v1\/verify\/[A-Za-z0-9_-]+/.exec(email.body.text ?? '')?.[0];
        const id = [...waiting].find((candidate) => email.subject.includes(candidate));
        if (!link || !id) return;
        const answer = await call(link, { method: 'POST', headers: { origin: local.apiUrl } });
        // 409: an earlier POST confirmed it, its answer was lost.
        if (answer.status === 200 || answer.status === 409) confirmed.add(id);
      });
    },
  };
}

/** The privacy team at the console: the open queue, worked through on every round. */
function teamOf(api: SoakClient, ids: Map<SoakRequester, string>) {
  const byId = new Map([...ids].map(([requester, id]) => [id, requester]));
  let retries = 0;
  let noticeResends = 0;
  const extended = new Set<string>();

  async function review(id: string, requester: SoakRequester) {
    // The team reviews on the 'review needed' email, as a person would: a decision taken
    // before that email went out makes the workflow skip it (it would no longer be true),
    // and the checks expect it sent.
    const detail = await api.admin(`/requests/${id}`);
    if (!detail.body.emailsSent?.includes('review_needed')) return;
    if (requester.extended && !extended.has(id)) {
      const answer = await api.admin(`/requests/${id}/extend`, 'POST', { reason: 'The request concerns a large amount of data.' });
      if (answer.status === 200 || answer.body?.error?.code === 'already_extended') extended.add(id);
    }
    await api.admin(`/requests/${id}/approve`, 'POST', approvalBody(requester));
  }

  async function sendPendingNotices(id: string) {
    const detail = await api.admin(`/requests/${id}`);
    if (detail.body.noticesPending?.length > 0) {
      noticeResends += 1;
      await api.admin(`/requests/${id}/send-notices`, 'POST');
    }
  }

  return {
    retries: () => retries,
    noticeResends: () => noticeResends,
    /** One round over the open queue; returns how many of the soak's requests have ended. */
    async workQueue(): Promise<number> {
      const open = await openRequests((path) => api.admin(path));
      await forEachLimit(open, 8, async ({ requestId, pendingStep }) => {
        const requester = byId.get(requestId);
        if (!requester) return;
        if (pendingStep === 'review') await review(requestId, requester);
        else if (pendingStep === 'store_failure' || pendingStep === 'step_failure') {
          // The queue may still show a failure the last round retried: only a retry that ran counts.
          if ((await api.admin(`/requests/${requestId}/retry`, 'POST', {})).status === 200) retries += 1;
        }
      });
      await forEachLimit([...extended], 8, sendPendingNotices);
      const stillOpen = new Set(open.map((item) => item.requestId));
      return [...ids.values()].filter((id) => !stillOpen.has(id)).length;
    },
  };
}
