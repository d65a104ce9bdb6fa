/** Runs `dsr requests …` as a child process against a stand-in admin API. */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const calls: { method?: string; url?: string; body: string }[] = [];
let server: Server;
let apiUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls.push({ method: req.method, url: req.url, body });
      // A request whose notice did not go out answers with it still pending, as the admin API does.
      const answer = req.url?.includes('/req_unsent/') ? { status: 'processing', noticesPending: ['extension_notice'] } : { status: 'processing' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const dsrWith = (env: Record<string, string>, ...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/dsr.ts', ...args], {
    cwd: root,
    timeout: 30_000,
    env: { ...process.env, DSR_TARGET: '', PORT: '', DSR_API_URL: apiUrl, DSR_ADMIN_TOKEN: 'test-token', ...env },
  });
const dsr = (...args: string[]) => dsrWith({}, ...args);

describe('dsr requests approve', () => {
  it('sends --outcome as the approval body, and no body without it; then reads where the request stands', async () => {
    calls.length = 0;
    await dsr('requests', 'approve', 'req_1', '--outcome', 'We corrected your email address.');
    await dsr('requests', 'approve', 'req_2');
    expect(calls).toEqual([
      { method: 'POST', url: '/admin/requests/req_1/approve', body: '{"outcome":"We corrected your email address."}' },
      { method: 'GET', url: '/admin/requests/req_1', body: '' },
      { method: 'POST', url: '/admin/requests/req_2/approve', body: '' },
      { method: 'GET', url: '/admin/requests/req_2', body: '' },
    ]);
  });

  it('says the workflow resumed and prints the request as it is after the approval', async () => {
    const { stdout, stderr } = await dsr('requests', 'approve', 'req_3');
    expect(stderr).toBe('Approved. The workflow resumed: the request is now processing.\n');
    expect(JSON.parse(stdout)).toEqual({ status: 'processing' });
  });
});

describe('dsr requests send-notices', () => {
  it('posts the send-notices action with no body, prints the request, and says which notices are still pending', async () => {
    calls.length = 0;
    const { stdout, stderr } = await dsr('requests', 'send-notices', 'req_6');
    expect(calls).toEqual([{ method: 'POST', url: '/admin/requests/req_6/send-notices', body: '' }]);
    expect(JSON.parse(stdout)).toEqual({ status: 'processing' });
    expect(stderr).toBe('No notice is pending.\n');
  });

  it('names the notices that did not go out and how to try again', async () => {
    const { stderr } = await dsr('requests', 'send-notices', 'req_unsent');
    expect(stderr).toBe('Not sent, still pending: extension_notice. Try again with: dsr requests send-notices req_unsent\n');
  });
});

describe('where the CLI finds the API', () => {
  it('follows PORT, as npm start does, when DSR_API_URL is not set', async () => {
    calls.length = 0;
    await dsrWith({ DSR_API_URL: '', PORT: new URL(apiUrl).port }, 'requests', 'list');
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(['GET /admin/requests?status=open&limit=50']);
  });

  it('names the address it tried and the variables to set when nothing answers there, not "fetch failed"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failed = await dsrWith({ DSR_API_URL: '', PORT: String(port) }, 'requests', 'list').catch((error) => error);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`error: cannot reach the DSR API at http://127.0.0.1:${port} (ECONNREFUSED).`);
    expect(failed.stderr).toMatch(/set PORT .* set DSR_API_URL/);
    expect(failed.stderr).not.toContain('fetch failed');
  });
});

describe('dsr requests triage and dismiss (privacy mailbox)', () => {
  it('sends the rights of a triage, and a dismissal with or without a reply', async () => {
    calls.length = 0;
    await dsr('requests', 'triage', 'req_3', '--type', 'access', 'erasure');
    await dsr('requests', 'dismiss', 'req_4', '--reason', 'spam');
    await dsr('requests', 'dismiss', 'req_5', '--reason', 'support question', '--reply', 'Please write to support.');
    expect(calls).toEqual([
      { method: 'POST', url: '/admin/requests/req_3/triage', body: '{"types":["access","erasure"]}' },
      { method: 'POST', url: '/admin/requests/req_4/dismiss', body: '{"reason":"spam"}' },
      { method: 'POST', url: '/admin/requests/req_5/dismiss', body: '{"reason":"support question","reply":"Please write to support."}' },
    ]);
  });
});

describe('dsr requests decide', () => {
  it('sends one decision per --right, with ground and facts (colons kept), and --outcome', async () => {
    calls.length = 0;
    await dsr('requests', 'decide', 'req_3', '--right', 'access=grant', '--right', 'erasure=refuse:legal_claims:Case 2026:17 is pending.', '--outcome', 'Nothing else.');
    expect(calls).toEqual([{
      method: 'POST',
      url: '/admin/requests/req_3/decide',
      body: JSON.stringify({
        rights: { access: { decision: 'grant' }, erasure: { decision: 'refuse', ground: 'legal_claims', facts: 'Case 2026:17 is pending.' } },
        outcome: 'Nothing else.',
      }),
    }]);
  });

  it('adds the stores a partial grant keeps (--keep) and until when (--until) to their right', async () => {
    calls.length = 0;
    await dsr('requests', 'decide', 'req_4', '--right', 'access=grant', '--right', 'erasure=partial:legal_claims:A claim is pending.', '--keep', 'erasure=support,media', '--until', 'erasure=2027-06-30');
    expect(JSON.parse(calls[0]!.body)).toEqual({
      rights: {
        access: { decision: 'grant' },
        erasure: { decision: 'partial', ground: 'legal_claims', facts: 'A claim is pending.', keep: ['support', 'media'], until: '2027-06-30' },
      },
    });
  });

  it('sends each --rectify as a correction: store, field, old and new value (yes/no attributes as booleans)', async () => {
    calls.length = 0;
    await dsr(
      'requests', 'decide', 'req_5', '--right', 'rectification=grant', '--outcome', 'We corrected your account.',
      '--rectify', 'account.email=ada@example.com=>ada=new@example.org', 'account.marketingEmails=true=>false',
    );
    expect(JSON.parse(calls[0]!.body).rectify).toEqual([
      { storeId: 'account', field: 'email', from: 'ada@example.com', to: 'ada=new@example.org' },
      { storeId: 'account', field: 'marketingEmails', from: true, to: false },
    ]);
  });
});

describe('dsr requests create', () => {
  it('files a letter with its true receipt and a verified identity, sending only the options given', async () => {
    calls.length = 0;
    await dsr(
      'requests', 'create', '--type', 'access', 'erasure', '--channel', 'letter',
      '--received-at', '2026-10-02T09:30:00+02:00', '--email', 'ada@example.com',
      '--identity-verified', '--note', 'Letter quotes account number and invoice id.',
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/admin/requests' });
    expect(JSON.parse(calls[0]!.body)).toEqual({
      types: ['access', 'erasure'],
      channel: 'letter',
      receivedAt: '2026-10-02T09:30:00+02:00',
      locale: 'en',
      email: 'ada@example.com',
      identity: 'verified',
      note: 'Letter quotes account number and invoice id.',
    });
  });

  it("files a minor's erasure by account, with no reply address", async () => {
    calls.length = 0;
    await dsr(
      'requests', 'create', '--type', 'erasure', '--channel', 'other', '--received-at', '2026-11-30T10:00:00+01:00',
      '--account-id', 'acct_42', '--ground', 'minor', '--note', 'Support learned the user is 15.',
    );
    expect(JSON.parse(calls[0]!.body)).toEqual({
      types: ['erasure'],
      channel: 'other',
      receivedAt: '2026-11-30T10:00:00+01:00',
      locale: 'en',
      accountId: 'acct_42',
      ground: 'minor',
      note: 'Support learned the user is 15.',
    });
  });
});
