import { afterEach, beforeEach, vi } from 'vitest';
import { noticeExecutionName } from '../../../functions/admin/notices.js';
import type { AdminPorts } from '../../../functions/admin/ports.js';
import { liftExecutionName } from '../../../functions/core/restriction/lift.js';
import type { RenderedEmail } from '../../../functions/core/render/types.js';
import type { DsrRequestRecord } from '../../../functions/core/request/model.js';
import { InMemoryRequestsRepo } from '../../../functions/shared/in-memory-requests-repo.js';
import type { ReceivedMessage } from '../../../functions/shared/ports/messages-repo.js';
import type { PendingStep } from '../../../functions/shared/ports/requests-repo.js';

export interface SentEmail {
  requestId: string;
  kind: string;
  to: string;
  email: RenderedEmail;
}

/**
 * The admin's ports in memory, for the use-case tests: the in-memory requests repo, a
 * workflow whose parked tasks are the tokens in `waiting` (a resume of any other is
 * refused, as Step Functions refuses an expired one), and a mailer that sends once per
 * (request, kind) through the repo's mail claim, as sendOnce does, and can be made to fail.
 */
export function memoryPorts(...requests: DsrRequestRecord[]) {
  const repo = new InMemoryRequestsRepo(requests);
  const waiting = new Set<string>();
  const resumed: { taskToken: string; output: Record<string, unknown> }[] = [];
  const started: string[] = [];
  /** The notice senders started (each once), as `<request>-<kind>-<queued ms>`. */
  const noticeSenders: string[] = [];
  const sent: SentEmail[] = [];
  /** The releases of lifted restrictions started (each run once), with the cursor each starts from. */
  const liftRuns: { name: string; cursor: string }[] = [];
  const mail = { failing: false };
  let links = 0;
  /** The stores a correction writes in, by store id then account id: the item's attributes. */
  const stores = new Map<string, Map<string, Record<string, unknown>>>();
  const ports: AdminPorts = {
    repo,
    messages: { add: async () => true, list: async () => [] as ReceivedMessage[] },
    callbacks: {
      async resume(taskToken, output) {
        if (!waiting.delete(taskToken)) return false;
        resumed.push({ taskToken, output });
        return true;
      },
    },
    startWorkflow: async (requestId) => {
      if (started.includes(requestId)) return false;
      started.push(requestId);
      return true;
    },
    noticeSender: {
      async start(queued) {
        const name = noticeExecutionName(queued);
        if (!noticeSenders.includes(name)) noticeSenders.push(name);
      },
    },
    mailer: {
      async sendOnce(options) {
        const claim = await repo.claimMail(options.requestId, options.kind, 60_000);
        if (claim !== 'claimed') return false;
        if (mail.failing) {
          await repo.releaseMail(options.requestId, options.kind);
          throw new Error('mail provider down');
        }
        sent.push(options);
        await repo.markMailSent(options.requestId, options.kind);
        return true;
      },
    },
    downloadLinks: {
      newLinkId: () => `link${++links}`,
      async issue(request, linkId) {
        const record = { linkId, linkExpiresAt: '2026-06-22T10:00:00.000Z', packageExpiresAt: request.downloadLink!.packageExpiresAt };
        return { downloadUrl: `https://api.example/v1/downloads/${linkId}`, ...record, record };
      },
    },
    // A link names the object it opens; the presigning itself is the AWS adapter's.
    attachmentLinks: {
      link: async (mailId, attachment) => ({ url: `https://inbound.example/attachments/${mailId}/${attachment.part}`, expiresAt: '2026-06-15T10:05:00.000Z' }),
    },
    storeResults: async () => [],
    // As the state machine's names: a run started again is the same execution.
    restrictionLift: {
      async start(requestId, lift) {
        const name = liftExecutionName(requestId, lift.run);
        if (!liftRuns.some((run) => run.name === name)) liftRuns.push({ name, cursor: lift.from });
      },
    },
    // As the connector's conditional write: all of one store's corrections, or none.
    async correct(storeId, accountId, corrections) {
      const item = stores.get(storeId)?.get(accountId);
      if (!item || corrections.some((correction) => item[correction.field] !== correction.from)) return 'stale';
      for (const correction of corrections) item[correction.field] = correction.to;
      return 'applied';
    },
  };

  /** Registers a step waiting for the team, parked with a live task token. */
  async function park(requestId: string, step: PendingStep['step'], stepKey: string = step, details?: Record<string, unknown>) {
    const taskToken = `token-${requestId}-${stepKey}`;
    waiting.add(taskToken);
    await repo.openStep({ requestId, step, stepKey, status: 'pending', taskToken, createdAt: '2026-06-15T10:00:00.000Z', details });
    return taskToken;
  }

  return { ports, repo, park, waiting, resumed, started, noticeSenders, sent, mail, liftRuns, stores };
}

/** Every test of the file runs with `Date` at `instant` (timers stay real). */
export function clockAt(instant: string): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(instant));
  });
  afterEach(() => vi.useRealTimers());
}
