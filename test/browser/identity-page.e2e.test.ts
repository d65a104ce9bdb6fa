import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journey } from '../workflow/journey.js';
import { startTarget, type DsrTarget } from '../workflow/target.js';
import { browserEnv, findChromium } from './chromium.js';

/**
 * The identity page against another site, in a real Chromium: a page of another origin
 * can neither show it in a frame (to trick a click on Confirm) nor confirm by posting
 * its form; the page itself still confirms. The other site is a local server on
 * another port, so another origin.
 */

let target: DsrTarget;
let flow: ReturnType<typeof journey>;
let browser: Browser;
let otherSite: Server;
let otherOrigin: string;
/** What the other site serves, by path. */
const otherPages = new Map<string, string>();

beforeAll(async () => {
  target = await startTarget({ seed: false });
  flow = journey(target);
  otherSite = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(otherPages.get(req.url ?? '') ?? '');
  });
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
  const binary = await findChromium();
  browser = await chromium.launch({ executablePath: binary.path, env: browserEnv(binary), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (otherSite ? otherSite.close(() => resolve()) : resolve()));
  await target?.stop();
});

async function identityLinkOf(email: string) {
  const requestId = await flow.submit({ type: 'access', email });
  return { requestId, link: await flow.identityLink(requestId, email) };
}

const stillWaiting = async (requestId: string) => {
  const request = await flow.detail(requestId);
  expect(request).toMatchObject({ status: 'awaiting_identity', pendingStep: 'verify_identity' });
};

describe('the identity page and other sites', () => {
  it('does not render inside another site’s frame', async () => {
    const { requestId, link } = await identityLinkOf('framed-browser@example.org');
    otherPages.set('/frame', `<!DOCTYPE html><title>Win a prize</title><iframe src="${link}" width="800" height="600"></iframe>`);
    const page = await browser.newPage();
    const refusals: string[] = [];
    page.on('console', (message) => refusals.push(message.text()));
    await page.goto(`${otherOrigin}/frame`);
    await page.waitForLoadState('load');
    const framed = page.frames().find((frame) => frame !== page.mainFrame());
    expect(framed).toBeDefined();
    expect(await framed!.getByRole('button', { name: /Confirm my request/ }).count()).toBe(0);
    expect(refusals.join('\n')).toMatch(/frame-ancestors 'none'/);
    await page.close();
    await stillWaiting(requestId);
  });

  it('refuses its form posted from another site (403 origin_mismatch), and confirms from its own page', async () => {
    const { requestId, link } = await identityLinkOf('forged-browser@example.org');
    otherPages.set('/forge', `<!DOCTYPE html><title>Win a prize</title><form method="post" action="${link}"><button>Claim</button></form>`);
    const page = await browser.newPage();
    await page.goto(`${otherOrigin}/forge`);
    const [answer] = await Promise.all([page.waitForResponse(link), page.getByRole('button', { name: 'Claim' }).click()]);
    expect(answer.status()).toBe(403);
    expect(await answer.json()).toMatchObject({ error: { code: 'origin_mismatch' } });
    await stillWaiting(requestId);

    await page.goto(link);
    await page.getByRole('button', { name: /Confirm my request/ }).click();
    await page.getByText(/your request is confirmed/i).waitFor();
    await page.close();
    await flow.waitFor(requestId, (request) => request.pendingStep !== 'verify_identity', 'identity confirmed');
  });
});
