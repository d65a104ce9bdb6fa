import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLine } from '../../bin/cli/api-client.js';
import { DEMO_USERS } from '../../lib/demo/index.js';
import { readMailbox } from '../../lib/local-runtime/index.js';
import { DEV_ADMIN_TOKEN, DEV_WEBHOOK_SECRET, localApiUrl } from '../../lib/local/dev-defaults.js';
import { freePort } from '../../lib/local/dsr-local.js';
import { journey } from './journey.js';
import { onLocalStack, type DsrTarget } from './target.js';

/**
 * A newcomer's first minutes, as processes: `npm start` (bin/local.ts) on a port of its
 * own, then the `dsr` CLI in another process that knows only that PORT, as the README's
 * quick start does it: submit, confirm from the mailbox, approve.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let system: ChildProcess;
let banner = '';
let port: number;
let target: DsrTarget;

beforeAll(async () => {
  if (onLocalStack) return;
  port = await freePort();
  const sesPort = await freePort();
  const env = { ...process.env, PORT: String(port), SES_PORT: String(sesPort), DSR_WEBHOOK_SECRET: '', DSR_ADMIN_TOKEN: '', DSR_VERBOSE: '' };
  system = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    system.stdout!.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      if (banner.includes('Ctrl-C stops everything.')) resolve();
    });
    system.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${banner}`)));
  });
  const mailboxUrl = /Mailbox\s+(\S+)/.exec(banner)![1]!;
  target = {
    name: 'embedded',
    apiUrl: localApiUrl(port),
    webhookSecret: DEV_WEBHOOK_SECRET,
    adminToken: DEV_ADMIN_TOKEN,
    resources: undefined as never,
    mail: async () =>
      (await readMailbox(mailboxUrl)).map((mail) => ({ to: mail.destination.to, subject: mail.subject, text: mail.body.text ?? '' })),
    stop: async () => undefined,
  };
});

afterAll(async () => {
  if (!system || system.exitCode !== null) return;
  const exited = new Promise((resolve) => system.once('exit', resolve));
  system.kill('SIGINT');
  await exited;
});

/** The CLI with nothing set but PORT, as in a second terminal. */
async function dsr(...args: string[]) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port) };
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/dsr.ts', ...args], { cwd: ROOT, env, timeout: 60_000 });
}

// Embedded only: it starts the local system itself.
describe.skipIf(onLocalStack)('quick start', () => {
  it('npm start prints the CLI’s export line for its port and secrets', () => {
    expect(banner).toContain(exportLine({ apiUrl: localApiUrl(port), webhookSecret: DEV_WEBHOOK_SECRET, adminToken: DEV_ADMIN_TOKEN }));
  });

  it('the CLI finds the API by PORT; approve says the workflow resumed and prints the request as it is now', async () => {
    // A demo user of the seeded stores, so the request reaches the team's review.
    const email = DEMO_USERS[0]!.email;
    const submitted = JSON.parse((await dsr('submit', '--type', 'access', '--email', email)).stdout);
    expect(submitted.requestId).toMatch(/^dsr_/);
    const flow = journey(target);
    await flow.confirmIdentity(submitted.requestId, email);
    await flow.waitFor(submitted.requestId, (request) => request.pendingStep === 'review', 'pending review');

    const approved = await dsr('requests', 'approve', submitted.requestId);
    const now = JSON.parse(approved.stdout);
    expect(now.status).not.toBe('awaiting_review');
    expect(approved.stderr).toBe(
      `Approved. The workflow resumed: the request is now ${now.status}${now.pendingStep ? ` and waits for ${now.pendingStep}` : ''}.\n`,
    );
    await flow.waitForStatus(submitted.requestId, 'completed');
  });
});
