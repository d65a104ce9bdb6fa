/** Runs `dsr requests approve` as a child process against a stand-in admin API. */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const calls: { method?: string; url?: string; body: string }[] = [];
let server: Server;
let apiUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls.push({ method: req.method, url: req.url, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"processing"}');
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
    env: { ...process.env, DSR_TARGET: '', DSR_API_URL: apiUrl, DSR_ADMIN_TOKEN: 'test-token' },
  });

describe('dsr requests approve', () => {
  it('sends --outcome as the approval body, and no body without it', async () => {
    await dsr('requests', 'approve', 'req_1', '--outcome', 'We corrected your email address.');
    await dsr('requests', 'approve', 'req_2');
    expect(calls).toEqual([
      { method: 'POST', url: '/admin/requests/req_1/approve', body: '{"outcome":"We corrected your email address."}' },
      { method: 'POST', url: '/admin/requests/req_2/approve', body: '' },
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
});
