import { afterAll, beforeAll, expect } from 'vitest';
import { client, eventually, startTarget, type DsrTarget, type Mail } from './target.js';

/** The steps a requester and the privacy team take, through public surfaces only. */
export function journey(target: DsrTarget) {
  const api = client(target);

  const mailsFor = async (requestId: string) =>
    (await target.mail()).filter((mail) => mail.subject.includes(requestId) || mail.text.includes(requestId));

  async function submit(body: Record<string, unknown>) {
    const response = await api.submit(body);
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    return response.body.requestId as string;
  }

  /** The identity link from the acknowledgement in the requester's mailbox. */
  async function identityLink(requestId: string, email: string): Promise<string> {
    const mail = await eventually(
      async () => (await mailsFor(requestId)).find((m) => m.to.includes(email) && /verify\//.test(m.text)),
      `the acknowledgement of ${requestId}`,
    );
    const link = /https?:\/\/\S+\/v1\/verify\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    return link!.replace(/^https?:\/\/[^/]+/, target.apiUrl);
  }

  async function confirmIdentity(requestId: string, email: string) {
    const link = await identityLink(requestId, email);
    const page = await api.call(link.slice(target.apiUrl.length));
    expect(page.status).toBe(200);
    const confirmed = await api.call(link.slice(target.apiUrl.length), { method: 'POST' });
    expect(confirmed.status).toBe(200);
  }

  const detail = async (requestId: string) => (await api.admin(`/requests/${requestId}`)).body;

  async function waitFor(requestId: string, predicate: (request: any) => boolean, what: string) {
    return eventually(async () => {
      const request = await detail(requestId);
      return predicate(request) ? request : undefined;
    }, `${requestId}: ${what}`);
  }

  const waitForStatus = (requestId: string, status: string) =>
    waitFor(requestId, (request) => request.status === status, `status ${status}`);

  /** From intake to the review step: submit, confirm the identity link, reach review. */
  async function reachReview(body: Record<string, unknown>) {
    const requestId = await submit(body);
    await confirmIdentity(requestId, String(body.email));
    await waitFor(requestId, (request) => request.pendingStep === 'review', 'pending review');
    return requestId;
  }

  /** Counts the emails of a request by kind of subject line, to prove none went twice. */
  const countBy = (mails: Mail[], pattern: RegExp) => mails.filter((mail) => pattern.test(mail.subject)).length;

  return { api, submit, identityLink, confirmIdentity, detail, waitFor, waitForStatus, reachReview, mailsFor, countBy };
}

/** A test file's target, started before its tests and stopped after them, and the journey on it. */
export function journeyOn(start: () => Promise<DsrTarget> = () => startTarget()) {
  const session = {} as { target: DsrTarget; flow: ReturnType<typeof journey> };
  beforeAll(async () => {
    session.target = await start();
    session.flow = journey(session.target);
  });
  afterAll(async () => session.target?.stop());
  return session;
}
