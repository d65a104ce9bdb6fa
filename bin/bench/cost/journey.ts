/**
 * One request from intake to reply, through the public surfaces only, as the requester
 * and the privacy team go through it: the signed intake (the `dsr` CLI's client), the
 * identity link from the mailbox (its page, then its POST), the admin API (queue, request,
 * approve), and for an access request the download link. The bench waits on the mailbox
 * and the runtime's executions, never by polling the API, so every API call it makes is
 * one a person would make, and is counted.
 */
import { executionArnOf } from '../../../functions/core/request/executions.js';
import type { DemoUser } from '../../../lib/demo/index.js';
import { readMailbox } from '../../../lib/local-runtime/index.js';
import { eventually } from '../../../lib/local/eventually.js';
import type { DsrLocal } from '../../../lib/local/dsr-local.js';
import { adminCall, submitRequest } from '../../cli/api-client.js';

export type RequestKind = 'access' | 'erasure';

export interface JourneyResult {
  requestId: string;
  /** API Gateway requests the person and the privacy team made. */
  apiRequests: number;
  /** The requester's download of the package (a presigned S3 GET), if any. */
  downloadedBytes: number;
}

export async function runJourney(dsr: DsrLocal, kind: RequestKind, user: DemoUser, timeoutMs: number): Promise<JourneyResult> {
  const settings = { apiUrl: dsr.apiUrl, adminToken: dsr.adminToken, webhookSecret: dsr.webhookSecret };
  let apiRequests = 0;
  const api = async (path: string, init?: RequestInit) => {
    apiRequests += 1;
    const response = await fetch(`${dsr.apiUrl}${path}`, { redirect: 'manual', ...init });
    if (response.status >= 400) throw new Error(`${init?.method ?? 'GET'} ${path} answered ${response.status}`);
    return response;
  };
  const admin = (path: string, method?: string) => {
    apiRequests += 1;
    return adminCall(`/admin${path}`, method, undefined, settings);
  };
  const mailsOf = async (requestId: string) =>
    (await readMailbox(dsr.mailboxUrl)).filter((m) => m.subject.includes(requestId) || m.body.text?.includes(requestId));
  /** The path of the first link `pattern` finds in the requester's mails of the request. */
  const linkIn = async (requestId: string, pattern: RegExp, what: string) => {
    const link = await eventually(
      async () =>
        (await mailsOf(requestId))
          .filter((mail) => mail.destination.to.includes(user.email))
          .map((mail) => pattern.exec(mail.body.text ?? '')?.[0])
          .find(Boolean),
      what,
      timeoutMs,
    );
    return new URL(link).pathname;
  };

  apiRequests += 1;
  const { requestId } = (await submitRequest({ type: kind, email: user.email, locale: user.locale }, undefined, settings)) as { requestId: string };

  const verify = await linkIn(requestId, /https?:\/\/\S+\/v1\/verify\/[A-Za-z0-9_-]+/, `the acknowledgement of ${requestId}`);
  await api(verify);
  await api(verify, { method: 'POST' });

  await eventually(
    async () => (await mailsOf(requestId)).find((m) => /Review needed|Beoordeling nodig/.test(m.subject)),
    `the privacy team's review email for ${requestId}`,
    timeoutMs,
  );
  await admin('/requests');
  await admin(`/requests/${requestId}`);
  await admin(`/requests/${requestId}/approve`, 'POST');

  const workflow = await dsr.runtime.stepFunctions.waitForExecution(executionArnOf(dsr.resources.workflowArn, requestId), { timeoutMs });
  if (workflow.status !== 'SUCCEEDED') throw new Error(`workflow of ${requestId} ended ${workflow.status}: ${workflow.error ?? ''}`);

  let downloadedBytes = 0;
  if (kind === 'access') {
    const download = await linkIn(requestId, /https?:\/\/\S+\/v1\/downloads\/[A-Za-z0-9_-]+/, `the download email of ${requestId}`);
    const redirect = await api(download);
    const location = redirect.headers.get('location');
    if (redirect.status !== 302 || !location) throw new Error(`download link answered ${redirect.status}`);
    const zip = await fetch(location);
    if (!zip.ok) throw new Error(`presigned package URL answered ${zip.status}`);
    downloadedBytes = (await zip.arrayBuffer()).byteLength;
  }
  return { requestId, apiRequests, downloadedBytes };
}

/** The deadline watch's execution of a request, once the workflow's Close has stopped it (or it ended). */
export async function watchEnded(dsr: DsrLocal, requestId: string, timeoutMs: number) {
  const watch = await dsr.runtime.stepFunctions.waitForExecution(executionArnOf(dsr.resources.watchArn, requestId), { timeoutMs });
  if (watch.status !== 'ABORTED' && watch.status !== 'SUCCEEDED') {
    throw new Error(`deadline watch of ${requestId} ended ${watch.status}: ${watch.error ?? ''}`);
  }
  return watch;
}
