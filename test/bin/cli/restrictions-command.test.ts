/** Runs `dsr restrictions …` as a child process against a stand-in admin API. */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestrictionView } from '../../../functions/admin/api-types.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const calls: { method?: string; url?: string; authorization?: string; body: string }[] = [];
let server: Server;
let apiUrl: string;
/** What the stand-in answers next: status and body. */
let answer: { status: number; body: unknown };

const active: RestrictionView = {
  requestId: 'dsr_0ec6ce4195d5ba838ec702b193604071',
  accountId: 'acct_01j9ada7c3f9',
  status: 'active',
  since: '2026-11-30T09:15:42.123Z',
  heldFiles: 14,
  heldStores: [{ storeId: 'usage-logs', items: 21 }, { storeId: 'media', items: 6 }],
  taggedFiles: 6,
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const dsr = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/dsr.ts', ...args], {
    cwd: root,
    timeout: 30_000,
    env: { ...process.env, DSR_TARGET: '', PORT: '', DSR_API_URL: apiUrl, DSR_ADMIN_TOKEN: 'test-token' },
  });

describe('dsr restrictions list', () => {
  it('shows the restrictions in place as a table: request, since, the held copy’s stores with counts, its files, status', async () => {
    calls.length = 0;
    answer = { status: 200, body: { items: [active, { ...active, requestId: 'dsr_b', heldStores: [], heldFiles: 0 }] } };
    const { stdout } = await dsr('restrictions', 'list');
    expect(calls).toEqual([{ method: 'GET', url: '/admin/restrictions', authorization: 'Bearer test-token', body: '' }]);
    expect(stdout.split('\n')).toEqual([
      'REQUEST                               SINCE             STORES                      HELD COPY  STATUS',
      'dsr_0ec6ce4195d5ba838ec702b193604071  2026-11-30 09:15  usage-logs (21), media (6)  14 files   active',
      'dsr_b                                 2026-11-30 09:15  -                           0 files    active',
      '',
    ]);
  });

  it('shows a restriction being lifted as lifting, and one whose release stopped with its error', async () => {
    const lift = { at: '2026-12-01T10:00:00.000Z', by: 'jane@kiara-api.com', reason: 'Verified.', run: 1, from: '' };
    answer = {
      status: 200,
      body: { items: [{ ...active, status: 'lifting', lift }, { ...active, requestId: 'dsr_b', status: 'lifting', lift, liftFailed: { at: '2026-12-01T10:05:00.000Z', error: 'SlowDown', cursor: '' } }] },
    };
    const statuses = (await dsr('restrictions', 'list')).stdout.trim().split('\n').slice(1).map((line) => line.split(/ {2,}/).at(-1));
    expect(statuses).toEqual(['lifting', 'lifting, stopped (SlowDown): lift again']);
  });

  it('says when none is in place, and prints the API answer with --json', async () => {
    answer = { status: 200, body: { items: [] } };
    expect((await dsr('restrictions', 'list')).stdout).toBe('No restrictions in place.\n');
    answer = { status: 200, body: { items: [active] } };
    expect(JSON.parse((await dsr('restrictions', 'list', '--json')).stdout)).toEqual({ items: [active] });
  });
});

describe('dsr restrictions lift', () => {
  it('sends the reason, says the person was told first and the release goes on, and prints the restriction being lifted', async () => {
    calls.length = 0;
    const lifting = { ...active, status: 'lifting', lift: { at: '2026-12-01T10:00:00.000Z', by: 'jane@kiara-api.com', reason: 'Accuracy verified.', run: 1, from: '' } };
    answer = { status: 202, body: lifting };
    const { stdout, stderr } = await dsr('restrictions', 'lift', active.requestId, '--reason', 'Accuracy verified.');
    expect(calls).toEqual([
      { method: 'POST', url: `/admin/restrictions/${active.requestId}/lift`, authorization: 'Bearer test-token', body: '{"reason":"Accuracy verified."}' },
    ]);
    expect(stderr).toBe('Lifting: the person was emailed first (Art. 18(3)); the marks are being removed and the held copy deleted ("restrictions list" shows it as lifting until done).\n');
    expect(JSON.parse(stdout)).toEqual(lifting);
  });

  it('refuses to run without --reason, calling nothing', async () => {
    calls.length = 0;
    const failed = await dsr('restrictions', 'lift', active.requestId).catch((error) => error);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("required option '--reason <text>' not specified");
    expect(calls).toEqual([]);
  });

  it('reports the API’s refusal in one line with its code and exits 1', async () => {
    answer = { status: 409, body: { error: { code: 'already_lifted', message: 'This restriction has been lifted.' } } };
    const failed = await dsr('restrictions', 'lift', active.requestId, '--reason', 'again').catch((error) => error);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('error: HTTP 409 already_lifted: This restriction has been lifted.\n');
    expect(failed.stdout).toBe('');
  });
});
