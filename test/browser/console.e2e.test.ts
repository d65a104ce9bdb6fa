import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeSupportStoreDown } from '../workflow/store-outage.js';
import { localDate, toInstant } from '../../functions/core/deadlines/index.js';
import { DynamoRequestsRepo } from '../../functions/shared/requests-repo.js';
import { DynamoUnfiledMail } from '../../functions/shared/unfiled-mail.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { STORES } from '../../functions/core/inventory/index.js';
import { DEFAULT_SIZES, DEMO_USERS } from '../../lib/demo/index.js';
import { journey } from '../workflow/journey.js';
import { refuseAddress } from '../workflow/ses-refusal.js';
import { eventually, startTarget, type DsrTarget } from '../workflow/target.js';
import { createTransport } from 'nodemailer';
import { DEFAULT_PRIVACY_ADDRESS } from '../../lib/constructs/privacy-mailbox.js';
import { browserEnv, findChromium } from './chromium.js';

/**
 * The privacy console in a real browser (Chromium through playwright-core; see findChromium)
 * against the whole system on the local runtime: a request filed through the signed
 * intake, confirmed from the mailbox link by pressing the page's button, then approved
 * or rejected by clicking in the console, with the reply found in the mailbox.
 */

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
/** `CONSOLE_DOCS_SCREENSHOTS=1` also refreshes the README's screenshots under docs/. */
const DOCS_SCREENSHOTS = process.env.CONSOLE_DOCS_SCREENSHOTS === '1';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const [ada, bram] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]];

let target: DsrTarget;
let flow: ReturnType<typeof journey>;
let context: BrowserContext;
let userDataDir: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const chromiumBinary = await findChromium();
  console.info(`Browser test: Chromium from ${chromiumBinary.source} (${chromiumBinary.path})`);
  mkdirSync(ARTIFACTS, { recursive: true });
  // Retries of a failing store run without their production backoff, so the test is quick.
  const storeStates = STORES.flatMap((store) => [`collect ${store.id}`, `erase ${store.id}`]);
  target = await startTarget({ retryIntervalOverrides: Object.fromEntries(storeStates.map((state) => [state, 0])) });
  if (!target.local) throw new Error('The console test runs on the embedded local runtime (unset DSR_TARGET).');
  flow = journey(target);
  userDataDir = mkdtempSync(path.join(tmpdir(), 'dsr-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumBinary.path,
    env: browserEnv(chromiumBinary),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await target?.stop();
});

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('console', (message) => {
    // The 409 of the stale tab is expected; Chromium logs every failed response.
    if (message.type() === 'error' && !/status of 409/.test(message.text())) consoleErrors.push(message.text());
  });
  return page;
}

const consoleUrl = () => `${target.apiUrl}/console/`;

/** Signs in on the local console: the token field is prefilled with the dev token. */
async function signIn(page: Page): Promise<void> {
  await page.goto(consoleUrl());
  const token = page.getByLabel('Admin token');
  await expect.poll(() => token.inputValue()).toBe(target.adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
}

/** Files a request and confirms it the way the requester does: the mailbox link, then the button. */
async function fileAndConfirm(page: Page, body: Record<string, unknown>): Promise<string> {
  const requestId = await flow.submit(body);
  const link = await flow.identityLink(requestId, String(body.email));
  const opened = await page.goto(link);
  const confirm = page.getByRole('button', { name: /Confirm my request/ });
  if (!(await confirm.count())) throw new Error(`The identity page answered ${opened?.status()}: ${await page.locator('body').innerText()}`);
  await confirm.click();
  await page.getByText(/your request is confirmed/i).waitFor();
  return requestId;
}

async function openFromQueue(page: Page, requestId: string): Promise<void> {
  await page.goto(`${consoleUrl()}#/`);
  await page.getByLabel('Waiting for').selectOption('review');
  const link = page.getByRole('link', { name: requestId });
  // The queue is read when the filter changes; the request may reach review a moment later.
  await eventually(async () => {
    if (await link.count()) return true;
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForTimeout(300);
    return undefined;
  }, `${requestId} in the review queue`);
  const row = page.locator(`tr[data-request="${requestId}"]`);
  await expect.poll(() => row.locator('.badge').textContent()).toMatch(/^\d+ days left$/);
  await link.click();
  await page.getByRole('heading', { level: 1, name: `Request ${requestId}` }).waitFor();
}

const shot = async (page: Page, name: string, docsName?: string) => {
  await page.locator('#toast').evaluate((element) => element.classList.remove('shown'));
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
  if (DOCS_SCREENSHOTS && docsName) {
    // Small PNGs for the README: no empty space below the content.
    const height = Math.min(await page.locator('body').evaluate((body) => body.scrollHeight), 860);
    await page.screenshot({ path: path.join(REPO_ROOT, 'docs', docsName), clip: { x: 0, y: 0, width: 1280, height } });
  }
};

describe('privacy console', { timeout: 180_000 }, () => {
  it('approves a request by clicking, once, and the requester gets the result email', async () => {
    const page = await newPage();
    const requestId = await fileAndConfirm(page, { type: 'access', email: ada.email, locale: 'en' });
    await signIn(page);
    await openFromQueue(page, requestId);

    // A colleague in a second tab has the approve dialog open too: their click must come back as 409.
    const stale = await newPage();
    await signIn(stale); // the session is per tab (sessionStorage)
    await stale.goto(`${consoleUrl()}#/requests/${requestId}`);
    await stale.getByRole('button', { name: 'Approve…' }).click();
    const staleDialog = stale.getByRole('dialog', { name: `Approve ${requestId}` });
    await staleDialog.waitFor();

    await page.getByRole('button', { name: 'Approve…' }).click();
    const dialog = page.getByRole('dialog', { name: `Approve ${requestId}` });
    await dialog.waitFor();
    // A double click sends one approval: the button is disabled from the first click.
    await dialog.getByRole('button', { name: 'Approve', exact: true }).dblclick();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Stores' }).waitFor();
    await shot(page, 'console-request-completed.png');

    await staleDialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => staleDialog.getByRole('alert').textContent()).toMatch(/already decided.*already_decided/);
    expect(await staleDialog.getByRole('button', { name: 'Already done' }).isDisabled()).toBe(true);
    await shot(stale, 'console-409.png');
    await staleDialog.getByRole('button', { name: 'Close' }).click();
    await stale.locator('[data-status="completed"]').waitFor();
    await stale.close();

    const detail = await flow.detail(requestId);
    expect(detail.audit.filter((event: any) => event.type === 'decision' && event.details.step === 'review')).toHaveLength(1);
    const approval = detail.audit.find((event: any) => event.type === 'decision' && event.details.step === 'review');
    expect(approval).toMatchObject({ actor: 'privacy-team@localhost', details: { decision: 'approved' } });
    const mails = await flow.mailsFor(requestId);
    expect(flow.countBy(mails, /ready to download/)).toBe(1);
    expect(mails.find((mail) => /ready to download/.test(mail.subject))!.to).toEqual([ada.email]);
    await page.close();
  });

  it('rejects with a reason code and facts, and the refusal email states them with the remedies', async () => {
    const page = await newPage();
    const requestId = await fileAndConfirm(page, { type: 'access', email: bram.email, locale: 'en' });
    await signIn(page);
    await openFromQueue(page, requestId);

    await shot(page, 'console-request-review.png', 'console-request.png');

    // Keyboard: the dialog takes focus, Escape closes it and focus returns to its button.
    const rejectButton = page.getByRole('button', { name: 'Reject…' });
    await rejectButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Reject ${requestId}` });
    await dialog.waitFor();
    expect(await dialog.evaluate((element) => element.contains(element.ownerDocument.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await rejectButton.evaluate((element) => element.ownerDocument.activeElement === element)).toBe(true);

    await rejectButton.click();
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toMatch(/Autoriteit Persoonsgegevens/);
    await dialog.getByRole('button', { name: /Reject and send/ }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/Choose the ground/);
    await dialog.getByLabel(/Excessive, in particular repetitive/).check();
    const facts = 'Fourth identical access request since 1 March; the earlier three were answered in full.';
    await dialog.getByLabel('Facts').fill(facts);
    await dialog.getByRole('button', { name: 'Preview the email' }).click();
    const preview = dialog.locator('.preview pre');
    await expect.poll(() => preview.textContent()).toContain(facts);
    expect(await preview.textContent()).toMatch(/Autoriteit Persoonsgegevens/);
    await shot(page, 'console-reject-dialog.png');
    await dialog.getByRole('button', { name: /Reject and send/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-status="rejected"]').waitFor({ timeout: 60_000 });
    await page.getByText('Fourth identical access request').first().waitFor();

    const refusal = await eventually(
      async () => (await flow.mailsFor(requestId)).find((mail) => /cannot carry out your privacy request/.test(mail.subject)),
      'the refusal email',
    );
    expect(refusal.to).toEqual([bram.email]);
    expect(refusal.text).toContain(facts);
    expect(refusal.text).toMatch(/excessive/i);
    expect(refusal.text).toContain('Autoriteit Persoonsgegevens');
    expect(refusal.text).toMatch(/court/);
    expect(refusal.text).toContain('UAVG');
    expect(flow.countBy(await flow.mailsFor(requestId), /cannot carry out/)).toBe(1);
    await page.close();
  });

  it('approves a rectification only with what was done, and the requester gets it quoted', async () => {
    const page = await newPage();
    const requestId = await fileAndConfirm(page, { type: 'rectification', email: bram.email, locale: 'en' });
    await signIn(page);
    await openFromQueue(page, requestId);

    await page.getByRole('button', { name: 'Approve…' }).click();
    const dialog = page.getByRole('dialog', { name: `Approve ${requestId}` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/Say what was done/);
    const outcome = 'We changed the email address of your account to the one in your request.';
    await dialog.getByLabel(/What was done \(sent to the requester\)/).fill(outcome);
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
    await page.getByText(outcome).first().waitFor();

    const reply = await eventually(
      async () => (await flow.mailsFor(requestId)).find((mail) => /Action taken on your privacy request/.test(mail.subject)),
      'the outcome email',
    );
    expect(reply.to).toEqual([bram.email]);
    expect(reply.text).toContain(outcome);
    expect(flow.countBy(await flow.mailsFor(requestId), /Action taken/)).toBe(1);
    await page.close();
  });

  it('retries a failed store from its pending step, and the request completes', async () => {
    const local = target.local!;
    // The store disappears: an outage the emulator can really produce.
    const bringBack = await takeSupportStoreDown(local.resources);
    const page = await newPage();
    const requestId = await fileAndConfirm(page, { type: 'access', email: ada.email, locale: 'en', details: 'console retry test' });
    await signIn(page);
    await openFromQueue(page, requestId);
    await page.getByRole('button', { name: 'Approve…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
    const retry = page.getByRole('button', { name: 'Retry support…' });
    await retry.waitFor({ timeout: 60_000 });
    expect(await page.locator('.failure').textContent()).toMatch(/support \(collect\) failed/);

    // The store comes back; the privacy team retries from the console.
    await bringBack([ada]);
    await retry.click();
    const dialog = page.getByRole('dialog', { name: 'Retry store support' });
    await dialog.getByRole('button', { name: 'Retry now' }).dblclick();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
    const detail = await flow.detail(requestId);
    expect(detail.stores.find((s: any) => s.storeId === 'support' && s.action === 'collect').items).toBe(DEFAULT_SIZES.support);
    expect(detail.audit.filter((event: any) => event.type === 'decision' && event.details.decision === 'retry')).toHaveLength(1);
    expect(flow.countBy(await flow.mailsFor(requestId), /ready to download/)).toBe(1);
    await page.close();
  });

  it('closes a request whose reply SES refused (SES client mocked to answer MessageRejected) as answered by letter, from the step-failure panel', async () => {
    const page = await newPage();
    const requestId = await fileAndConfirm(page, { type: 'access', email: bram.email, locale: 'en', details: 'console refused reply test' });
    const refusal = refuseAddress(bram.email);
    try {
      await flow.waitFor(requestId, (request) => request.pendingStep === 'review', 'pending review');
      const approved = await flow.api.admin(`/requests/${requestId}/approve`, 'POST');
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      await signIn(page);
      await page.goto(`${consoleUrl()}#/requests/${requestId}`);
      const close = page.getByRole('button', { name: 'Close as answered otherwise…' });
      await close.waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('#step-failure').textContent()).toMatch(/RespondResult failed: MessageRejected/);
      await expect.poll(() => page.getByRole('button', { name: 'Change address…' }).count()).toBe(1);
    } finally {
      refusal.restore();
    }
    await page.getByRole('button', { name: 'Close as answered otherwise…' }).click();
    const dialog = page.getByRole('dialog', { name: `Close ${requestId} as answered otherwise` });
    await dialog.getByLabel('How the reply was given').selectOption('letter');
    await dialog.getByLabel(/Note/).fill('Sent the package on a USB stick by registered post.');
    await dialog.getByRole('button', { name: 'Close the request' }).dblclick();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('#reply-channel').textContent()).toMatch(/given by letter, not by email .*registered post/);
    const detail = await flow.detail(requestId);
    expect(detail.replyChannel).toMatchObject({ channel: 'letter' });
    expect(detail.audit.filter((event: any) => event.type === 'decision' && event.details.decision === 'answered_otherwise')).toHaveLength(1);
    expect(flow.countBy(await flow.mailsFor(requestId), /ready to download/)).toBe(0);
    await page.close();
  });

  it('gives a reply SES refused (SES client mocked to answer MessageRejected) another address from the step-failure panel, and the retry sends it there once', async () => {
    const page = await newPage();
    const newAddress = 'ada.lovelace@example.org';
    const requestId = await fileAndConfirm(page, { type: 'access', email: ada.email, locale: 'en', details: 'console changed address test' });
    const refusal = refuseAddress(ada.email);
    try {
      await flow.waitFor(requestId, (request) => request.pendingStep === 'review', 'pending review');
      expect((await flow.api.admin(`/requests/${requestId}/approve`, 'POST')).status).toBe(200);
      await signIn(page);
      await page.goto(`${consoleUrl()}#/requests/${requestId}`);
      const change = page.getByRole('button', { name: 'Change address…' });
      await change.waitFor({ timeout: 60_000 });
      await change.click();
      const dialog = page.getByRole('dialog', { name: `Change the reply address of ${requestId}` });
      await dialog.getByLabel('New reply address').fill(newAddress);
      await dialog.getByLabel(/Why/).fill('The requester phoned with an address that works.');
      await dialog.getByRole('button', { name: 'Change the address' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Retry RespondResult…' }).click();
      const retry = page.getByRole('dialog', { name: 'Retry step RespondResult' });
      await retry.getByRole('button', { name: 'Retry now' }).click();
      await retry.waitFor({ state: 'detached' });
      await page.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
    } finally {
      refusal.restore();
    }
    const mails = await flow.mailsFor(requestId);
    expect(flow.countBy(mails.filter((m) => m.to.includes(newAddress)), /ready to download/)).toBe(1);
    expect(flow.countBy(mails.filter((m) => m.to.includes(ada.email)), /ready to download/)).toBe(0);
    expect((await flow.detail(requestId)).audit).toContainEqual(expect.objectContaining({ type: 'contact_changed' }));
    await page.close();
  });

  it('extends the deadline with a reason (the requester is told), then closes the request as withdrawn', async () => {
    const page = await newPage();
    // A different body: the same one within 24 h is the same request (intake idempotency).
    const requestId = await fileAndConfirm(page, { type: 'access', email: bram.email, locale: 'en', details: 'console extension test' });
    await signIn(page);
    await openFromQueue(page, requestId);
    await page.getByRole('button', { name: 'Extend deadline…' }).click();
    const extend = page.getByRole('dialog', { name: `Extend the deadline of ${requestId}` });
    await extend.getByRole('button', { name: 'Extend and notify' }).click();
    await expect.poll(() => extend.getByRole('alert').textContent()).toMatch(/Give the reason/);
    await extend.getByLabel('Reason for the extension').fill('Several linked accounts must be searched by hand.');
    await extend.getByRole('button', { name: 'Extend and notify' }).click();
    await extend.waitFor({ state: 'detached' });
    await page.locator('tr.applies', { hasText: 'Extended (3 months)' }).waitFor();
    await page.getByText(/Extension: .*already/i).waitFor();
    expect(await page.getByRole('button', { name: 'Extend deadline…' }).count()).toBe(0);
    const notice = await eventually(
      async () => (await flow.mailsFor(requestId)).find((mail) => /need more time/.test(mail.subject)),
      'the extension notice',
    );
    expect(notice.to).toEqual([bram.email]);
    expect(notice.text).toContain('Several linked accounts must be searched by hand.');

    await page.getByRole('button', { name: 'Withdrawn by requester…' }).click();
    const cancel = page.getByRole('dialog', { name: `Close ${requestId} as withdrawn` });
    await cancel.getByRole('button', { name: 'Close as withdrawn' }).click();
    await cancel.waitFor({ state: 'detached' });
    await page.locator('[data-status="cancelled"]').waitFor({ timeout: 60_000 });
    const detail = await flow.detail(requestId);
    expect(detail.audit.find((event: any) => event.type === 'decision' && event.details.step === 'review')).toMatchObject({
      details: { decision: 'cancelled' },
    });
    expect(flow.countBy(await flow.mailsFor(requestId), /ready to download/)).toBe(0);
    await page.close();
  });

  it('shows days-left badges (amber within 7 days, red overdue) and filters the queue by due date and type', async () => {
    const repo = new DynamoRequestsRepo(target.local!.resources.requestsTable);
    const today = localDate(toInstant(new Date()), 'Europe/Amsterdam');
    const fixture = async (requestId: string, daysLeft: number, types: DsrTypes) => {
      const legal = today.add({ days: daysLeft }).toString();
      const received = today.add({ days: daysLeft - 30 }).toString();
      const now = new Date().toISOString();
      await repo.create({
        requestId,
        types,
        status: 'awaiting_review',
        pendingStep: 'review',
        locale: 'en',
        channel: 'support_desk',
        receivedAt: `${received}T09:00:00Z`,
        receiptDate: received,
        deadlines: { initial: { strict: legal, legal }, extended: { strict: legal, legal } },
        contactEmail: 'fixture@example.org',
        createdAt: now,
        updatedAt: now,
      });
    };
    // The intake refuses receipts more than 30 days back, so no request it takes is
    // overdue yet: these queue entries are written into the requests table directly.
    const [overdue, soon, later] = ['dsr_mx0fix0overdue3days', 'dsr_mx0fix0due5days', 'dsr_mx0fix0due20days'];
    await fixture(overdue, -3, ['erasure']);
    await fixture(soon, 5, ['access']);
    await fixture(later, 20, ['portability']);

    const page = await newPage();
    await signIn(page);
    const badge = (id: string) => page.locator(`tr[data-request="${id}"] .badge`);
    await badge(overdue).waitFor();
    expect(await badge(overdue).textContent()).toBe('3 days overdue');
    expect(await badge(overdue).getAttribute('class')).toContain('overdue');
    expect(await badge(soon).textContent()).toBe('5 days left');
    expect(await badge(soon).getAttribute('class')).toContain('soon');
    expect(await badge(later).getAttribute('class')).toContain('ok');
    // By due date: the overdue one first.
    const ids = await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-request')));
    expect(ids.indexOf(overdue)).toBe(0);
    expect(ids.indexOf(soon)).toBeLessThan(ids.indexOf(later));
    await shot(page, 'console-queue.png', 'console-queue.png');

    const rows = () => page.locator('tbody tr').evaluateAll((all) => all.map((row) => row.getAttribute('data-request')));
    await page.getByLabel('Due', { exact: true }).selectOption('overdue');
    await expect.poll(rows).toEqual([overdue]);
    await page.getByLabel('Due', { exact: true }).selectOption('within');
    await page.getByLabel('Days').fill('7');
    await page.getByLabel('Days').press('Enter');
    await expect.poll(rows).toEqual([overdue, soon]);
    expect(page.url()).toContain('due=within&days=7');
    await page.getByLabel('Due', { exact: true }).selectOption('');
    await page.getByLabel('Right').selectOption('portability');
    await expect.poll(rows).toEqual([later]);
    await page.getByLabel('Status').selectOption('closed');
    await expect.poll(async () => (await rows()).length).toBeGreaterThanOrEqual(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await rows()).includes(soon)).toBe(true);
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it('writes a correction from the decide dialog’s correction fields: the store holds the new value, the reply says what changed', async () => {
    const page = await newPage();
    const requestId = await fileAndConfirm(page, { type: 'rectification', email: ada.email, locale: 'en', details: 'My name is Ada King now.' });
    await signIn(page);
    await openFromQueue(page, requestId);

    await page.getByRole('button', { name: 'Decide per right…' }).click();
    const dialog = page.getByRole('dialog', { name: `Decide ${requestId} per right` });
    await dialog.waitFor();
    await dialog.getByLabel(/What was done \(sent to the requester\)/).fill('We corrected the display name of your account.');
    const name = dialog.getByRole('group', { name: 'Account: Display name' });
    // Half a correction is refused in the dialog, nothing sent.
    await name.getByLabel('Corrected value').fill('Ada King');
    await dialog.getByRole('button', { name: 'Decide and continue' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/Display name: give the value the store holds now and the corrected value/);
    expect((await flow.detail(requestId)).status).toBe('awaiting_review');
    await name.getByLabel('Value the store holds now').fill(ada.displayName);
    await dialog.getByRole('button', { name: 'Decide and continue' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });

    const account = await documentClient().send(new GetCommand({ TableName: target.resources.storeTables.account!, Key: { accountId: ada.accountId, sk: 'profile' } }));
    expect(account.Item?.displayName).toBe('Ada King');
    const reply = await eventually(
      async () => (await flow.mailsFor(requestId)).find((mail) => /Action taken on your privacy request/.test(mail.subject)),
      'the outcome email',
    );
    expect(reply.to).toEqual([ada.email]);
    expect(reply.text).toContain(`Display name: ${ada.displayName} → Ada King`);
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it('shows a restriction on its request page and in Restrictions, and lifts it with a reason after saying the person is emailed first', async () => {
    const page = await newPage();
    const requestId = await fileAndConfirm(page, { type: 'restriction', email: bram.email, locale: 'en' });
    await signIn(page);
    await openFromQueue(page, requestId);
    await page.getByRole('button', { name: 'Approve…' }).click();
    const approve = page.getByRole('dialog', { name: `Approve ${requestId}` });
    await approve.getByLabel(/What was done \(sent to the requester\)/).fill('We restricted your data while you contest its accuracy.');
    await approve.getByRole('button', { name: 'Approve', exact: true }).click();
    await approve.waitFor({ state: 'detached' });
    await page.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });

    const restricted = page.getByRole('region', { name: 'Restriction (Art. 18)' });
    const fact = (term: string) => restricted.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => fact('Status').textContent()).toMatch(/^Active since /);
    const { body: listed } = await flow.api.admin('/restrictions');
    const record = (listed.items as any[]).find((item) => item.requestId === requestId);
    expect(await fact('Marked').textContent()).toBe(`Account ${bram.accountId}; ${record.taggedFiles} files tagged`);
    expect(await fact('Held copy').textContent()).toContain(`${record.heldFiles} files`);

    await page.getByRole('link', { name: '← All requests' }).click();
    await page.getByRole('link', { name: 'Restrictions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Restrictions' }).waitFor();
    const row = page.locator(`tr[data-restriction="${requestId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(bram.accountId);
    await shot(page, 'console-restrictions.png');
    await row.getByRole('button', { name: 'Lift…' }).click();
    const lift = page.getByRole('dialog', { name: `Lift the restriction of ${requestId}` });
    await lift.getByText(/The person is emailed first, with your reason/).waitFor();
    await lift.getByRole('button', { name: 'Email the person and lift' }).click();
    await expect.poll(() => lift.getByRole('alert').textContent()).toMatch(/Write why the restriction is lifted/);
    expect(await flow.countBy(await flow.mailsFor(requestId), /lifting the restriction/i)).toBe(0);
    await lift.getByLabel(/Why the restriction is lifted/).fill('The accuracy was verified with you.');
    await lift.getByRole('button', { name: 'Email the person and lift' }).click();
    await lift.waitFor({ state: 'detached' });
    // The release runs on a page at a time: listed as lifting until the marks and the held copy are gone.
    await expect.poll(async () => (await flow.detail(requestId)).restriction.status, { timeout: 30_000 }).toBe('lifted');
    await page.reload();
    await page.getByText('No restriction is in place.').waitFor();

    const notice = (await flow.mailsFor(requestId)).filter((mail) => /lifting the restriction/i.test(mail.subject));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.to).toEqual([bram.email]);
    expect(notice[0]!.text).toContain('The accuracy was verified with you.');
    await page.goto(`${consoleUrl()}#/requests/${requestId}`);
    await expect.poll(() => fact('Status').textContent()).toMatch(/^Lifted .* by /);
    expect(await fact('Reason (sent to the person)').textContent()).toBe('The accuracy was verified with you.');
    await page.close();
    expect(consoleErrors).toEqual([]);
  });
});

type DsrTypes = Parameters<DynamoRequestsRepo['create']>[0]['types'];

describe('privacy console: the privacy mailbox', { timeout: 180_000 }, () => {
  it('shows an email’s text as text with its attachments and verdicts, and triages it by clicking', async () => {
    const smtp = createTransport({ host: '127.0.0.1', port: target.local!.smtpPort, secure: false, ignoreTLS: true });
    await smtp.sendMail({
      from: bram.email,
      to: DEFAULT_PRIVACY_ADDRESS,
      subject: 'Inzage graag',
      text: 'Graag een kopie van mijn gegevens. <b>niet vet</b><script>window.pwned = 1</script>',
      html: '<p onclick="window.pwned = 2">HTML part</p><img src="x" onerror="window.pwned = 3">',
      attachments: [{ filename: 'brief.pdf', content: Buffer.from('%PDF-1.4 ...') }],
    });
    smtp.close();
    const requestId = await eventually(async () => {
      const items = (await flow.api.admin('/requests?status=open&limit=100')).body.items as any[];
      return items.find((item) => item.channel === 'email' && item.types.length === 0)?.requestId as string | undefined;
    }, 'the email request');
    const page = await newPage();
    await flow.confirmIdentity(requestId, bram.email);
    await flow.waitFor(requestId, (r) => r.pendingStep === 'triage', 'pending triage');
    await signIn(page);
    await page.getByLabel('Waiting for').selectOption('triage');
    await page.getByRole('link', { name: requestId }).click();
    await page.getByRole('heading', { level: 1, name: `Request ${requestId}` }).waitFor();
    const text = page.locator('.mail-text');
    await expect.poll(() => text.textContent()).toContain('<b>niet vet</b><script>');
    expect(await text.locator('b, script').count()).toBe(0);
    expect(await page.getByText('HTML part').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await page.getByRole('list', { name: 'Attachments' }).getByText(/brief\.pdf — application\/pdf/).waitFor();
    // The attachment is a download button: a 5-minute link from the admin API, saved as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download brief.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('brief.pdf');
    expect(readFileSync((await download.path())!)).toEqual(Buffer.from('%PDF-1.4 ...'));
    await page.getByRole('heading', { level: 1, name: `Request ${requestId}` }).waitFor();
    expect(await page.locator('.verdicts').textContent()).toContain('not checked');
    await page.getByRole('button', { name: 'Set the rights…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Which rights does this email invoke?' });
    expect(await dialog.getByLabel('Access (Art. 15)').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Set the rights' }).click();
    await flow.waitFor(requestId, (r) => r.pendingStep === 'review' && r.types.join() === 'access', 'review as access');
    await shot(page, 'console-triage.png');
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it('files a letter with its true receipt time from the “New request” form', async () => {
    const page = await newPage();
    await signIn(page);
    await page.getByRole('button', { name: 'New request…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New request' });
    await dialog.getByLabel('Erasure (Art. 17)').check();
    await dialog.getByLabel('Reply address').fill(ada.email);
    await dialog.getByLabel('How it came in').selectOption('letter');
    await dialog.getByLabel('Received at (your local time)').fill('2026-01-05T09:30');
    await dialog.getByRole('button', { name: 'File the request' }).click();
    await page.getByRole('heading', { level: 1, name: /^Request dsr_/ }).waitFor();
    const requestId = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Request ', '');
    const detail = await flow.detail(requestId);
    expect(detail).toMatchObject({ channel: 'letter', types: ['erasure'] });
    // The browser's local time, as an instant: the deadlines count from it.
    expect(Date.parse(detail.receivedAt)).toBe(new Date('2026-01-05T09:30').getTime());
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it('shows mail the intake did not file above the queue, starts a filing with its channel and arrival, and clears it with a note', async () => {
    // As the mail intake keeps one over its rate limit (test/workflow/mail-intake.e2e.test.ts sends the flood).
    const receivedAt = '2026-11-30T21:14:07.000Z';
    const unfiled = new DynamoUnfiledMail(target.local!.resources.requestsTable);
    await unfiled.record({ mailId: 'ses-unfiled-1', objectKey: 'inbound/ses-unfiled-1', receivedAt, senderKnown: false, flags: [] });
    const page = await newPage();
    await signIn(page);
    const banner = page.getByRole('alert', { name: 'Mail not filed' });
    await banner.getByRole('heading', { name: '1 email to the privacy address not filed' }).waitFor();
    expect(await banner.locator('li').textContent()).toContain('(no usable sender address): inbound/ses-unfiled-1');

    await banner.getByRole('button', { name: 'File a request…' }).click();
    const filing = page.getByRole('dialog', { name: 'New request' });
    expect(await filing.getByLabel('How it came in').inputValue()).toBe('email');
    const local = await filing.getByLabel('Received at (your local time)').inputValue();
    expect(new Date(local).toISOString()).toBe(receivedAt);
    await filing.getByRole('button', { name: 'Back' }).click();

    await banner.getByRole('button', { name: 'Clear…' }).click();
    const clearing = page.getByRole('dialog', { name: /^Clear the unfiled mail/ });
    await clearing.getByLabel(/What became of it/).fill('Spam; no request in it.');
    await clearing.getByRole('button', { name: 'Clear', exact: true }).click();
    await banner.waitFor({ state: 'detached' });
    expect(await unfiled.list()).toEqual({ items: [], more: false });
    await page.close();
    expect(consoleErrors).toEqual([]);
  });
});

describe('privacy console: who asked, and repeats', { timeout: 180_000 }, () => {
  it('shows the requester’s name and details, and a duplicate with its label, its original and in the queue’s duplicates', async () => {
    // An address of its own: an open request of ada or bram would make the other tests' requests duplicates.
    const email = 'carla.vos@example.org';
    const original = await flow.submit({ type: 'access', email, locale: 'en', name: 'Carla Vos', details: 'Please include my API keys.' });
    const repeat = await flow.submit({ type: 'access', email, locale: 'en', name: 'C. Vos', details: 'Asking again: a copy of my data.' });
    expect((await flow.detail(repeat)).status).toBe('duplicate');

    const page = await newPage();
    await signIn(page);
    await page.getByLabel('Status').selectOption('duplicate');
    const row = page.locator(`tr[data-request="${repeat}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`Duplicate (repeats an open request)of ${original}`);
    await row.getByRole('link', { name: repeat }).click();
    await page.getByRole('heading', { level: 1, name: `Request ${repeat}` }).waitFor();

    const fact = (term: string) => page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
    expect(await page.locator('[data-status="duplicate"]').textContent()).toBe('Duplicate (repeats an open request)');
    expect(await fact('Name').textContent()).toBe('C. Vos');
    expect(await fact('What the requester wrote').textContent()).toBe('Asking again: a copy of my data.');
    expect(await fact('Duplicate of').textContent()).toBe(original);
    await page.getByText('Filed again: repeats an open request').waitFor();

    await fact('Duplicate of').getByRole('link', { name: original }).click();
    await page.getByRole('heading', { level: 1, name: `Request ${original}` }).waitFor();
    await expect.poll(() => fact('Name').textContent()).toBe('Carla Vos');
    expect(await fact('What the requester wrote').textContent()).toBe('Please include my API keys.');
    expect(await page.locator('dt', { hasText: 'Duplicate of' }).count()).toBe(0);
    await page.getByText('Repeated by a later request').waitFor();
    await shot(page, 'console-duplicate.png');
    await page.close();
    expect(consoleErrors).toEqual([]);
  });
});
