import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { GUESS_LIMIT } from '../../../functions/identity/verify.js';
import { RESEND_ANSWER, RESEND_LIMIT } from '../../../functions/identity/resend.js';
import { journeyOn } from '../../workflow/journey.js';
import { startTarget } from '../../workflow/target.js';
import { captureLogsOfFile } from '../shared/capture-logs.js';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

const logs = captureLogsOfFile();
const session = journeyOn(() => startTarget({ seed: false }));

const path = (link: string) => link.slice(session.target.apiUrl.length);
const resend = (requestId: string) => session.flow.api.call(`/v1/requests/${requestId}/resend-verification`, { method: 'POST' });
const mailsTo = async (email: string) => (await session.target.mail()).filter((mail) => mail.to.includes(email));
const links = async (email: string) =>
  (await mailsTo(email)).map((mail) => /\/v1\/verify\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0]).filter((l): l is string => !!l);

describe('identity link', () => {
  it('is confirmed by no number of GETs, only by the page’s POST', async () => {
    const email = 'scanner@example.org';
    const requestId = await session.flow.submit({ type: 'access', email });
    const link = await session.flow.identityLink(requestId, email);
    for (let i = 0; i < 5; i++) expect((await session.flow.api.call(path(link))).status).toBe(200);
    const request = await session.flow.detail(requestId);
    expect(request).toMatchObject({ status: 'awaiting_identity', pendingStep: 'verify_identity' });
    expect(request.audit.map((event: any) => event.type)).not.toContain('identity_verified');
  });

  it('confirms once; the used link then says so, and resumes nothing', async () => {
    const email = 'once@example.org';
    const requestId = await session.flow.submit({ type: 'access', email });
    const link = await session.flow.identityLink(requestId, email);
    expect((await session.flow.api.call(path(link), { method: 'POST' })).status).toBe(200);
    for (const method of ['POST', 'GET']) {
      const again = await session.flow.api.call(path(link), { method });
      expect(again.status).toBe(409);
      expect(again.body).toMatch(/already confirmed/);
    }
    await session.flow.waitForStatus(requestId, 'completed_no_data');
    const decisions = (await session.flow.detail(requestId)).audit.filter((event: any) => event.type === 'decision');
    expect(decisions).toHaveLength(1);
  });
});

describe('resend', () => {
  it(`sends at most ${RESEND_LIMIT.max} new links a day, to the filed address; any of them confirms, once`, async () => {
    const email = 'lost-the-mail@example.org';
    const requestId = await session.flow.submit({ type: 'access', email });
    await session.flow.identityLink(requestId, email);
    const answers = [];
    for (let i = 0; i < RESEND_LIMIT.max + 2; i++) answers.push(await resend(requestId));
    expect(answers.map((a) => [a.status, a.body])).toEqual(Array(RESEND_LIMIT.max + 2).fill([202, RESEND_ANSWER]));
    const sent = await links(email);
    expect(sent).toHaveLength(1 + RESEND_LIMIT.max);
    expect(new Set(sent).size).toBe(sent.length);

    expect((await session.flow.api.call(sent.at(-1)!, { method: 'POST' })).status).toBe(200);
    expect((await session.flow.api.call(sent[0]!, { method: 'POST' })).status).toBe(409);
    await session.flow.waitForStatus(requestId, 'completed_no_data');
  });

  it('answers the same for unknown, malformed, confirmed and closed requests, and sends nothing', async () => {
    const email = 'done@example.org';
    const closed = await session.flow.submit({ type: 'erasure', email });
    await session.flow.confirmIdentity(closed, email);
    await session.flow.waitForStatus(closed, 'completed_no_data');
    const before = (await session.target.mail()).length;
    for (const id of [`dsr_${randomBytes(12).toString('hex')}`, 'not-a-request', closed]) {
      const answer = await resend(id);
      expect([answer.status, answer.body]).toEqual([202, RESEND_ANSWER]);
    }
    expect((await session.target.mail()).length).toBe(before);
  });
});

describe('guessing', () => {
  it(`locks a client out after ${GUESS_LIMIT.max} unknown tokens, even for a good link`, async () => {
    const email = 'guessed@example.org';
    const requestId = await session.flow.submit({ type: 'access', email });
    const link = await session.flow.identityLink(requestId, email);
    for (let i = 0; i < GUESS_LIMIT.max; i++) {
      const guess = await session.flow.api.call(`/v1/verify/${randomBytes(32).toString('base64url')}`, { method: 'POST' });
      expect(guess.status).toBe(404);
    }
    const locked = await session.flow.api.call(path(link), { method: 'POST' });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatch(/Too many attempts/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await session.flow.detail(requestId)).status).toBe('awaiting_identity');
  });

  it('logged no email address and no token meanwhile', async () => {
    const tokens = (await session.target.mail()).flatMap((mail) => [...mail.text.matchAll(/\/v1\/verify\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]!));
    expect(tokens.length).toBeGreaterThan(0);
    expect(logs.withEmail()).toEqual([]);
    expect(logs.lines.filter((line) => tokens.some((token) => line.includes(token)))).toEqual([]);
  });
});
