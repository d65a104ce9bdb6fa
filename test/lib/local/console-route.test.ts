import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoute } from '../../../lib/local/console-route.js';

let server: Server;
let base: string;
let fallthrough = 0;

beforeAll(async () => {
  const route = consoleRoute({ devToken: 'dev-token-123' });
  server = createServer((req, res) => {
    if (route(req, res)) return;
    fallthrough++;
    res.writeHead(404).end('api');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { redirect: 'manual', ...init });

describe('local console route', () => {
  it('redirects /console to /console/ (relative assets need the slash), keeping the query', async () => {
    const response = await get('/console?x=1');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/console/?x=1');
  });

  it('serves the page, one bundled script and the stylesheet with a strict CSP', async () => {
    const page = await get('/console/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="app.js">');
    expect(html).not.toMatch(/<script>|style="/); // nothing inline: the CSP allows none
    const js = await get('/console/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const code = await js.text();
    expect(code.length).toBeGreaterThan(5_000);
    expect(code.length).toBeLessThan(60_000); // small: one file, no framework
    expect(code).not.toMatch(/\bimport\s*[{*\w][^;]*from\s*["']/);
    expect((await get('/console/console.css')).headers.get('content-type')).toMatch(/text\/css/);
    expect((await get('/console/app.js', { method: 'HEAD' })).status).toBe(200);
  });

  it('serves config.json that says local, dev-token sign-in, same-origin API', async () => {
    const config = await (await get('/console/config.json')).json();
    expect(config).toEqual({ apiUrl: '', auth: 'dev-token', devToken: 'dev-token-123' });
    const withoutToken = consoleRoute();
    let body = '';
    withoutToken(
      { url: '/console/config.json', method: 'GET' } as any,
      { writeHead: () => undefined, end: (chunk: Buffer) => (body = chunk.toString()) } as any,
    );
    expect(JSON.parse(body)).toEqual({ apiUrl: '', auth: 'dev-token' });
  });

  it('answers 404 for other files (no path traversal), 405 for writes, and leaves other paths to the API', async () => {
    expect((await get('/console/../package.json')).status).not.toBe(200);
    expect((await get('/console/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/console/src/main.ts')).status).toBe(404);
    expect((await get('/console/app.js', { method: 'POST' })).status).toBe(405);
    const before = fallthrough;
    await get('/admin/requests');
    await get('/consoles');
    expect(fallthrough).toBe(before + 2);
  });
});

describe('console sources', () => {
  it('type-check with the DOM library (tsc -p console)', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}console/tsconfig.json`], { stdio: 'pipe' });
  }, 60_000);
});
