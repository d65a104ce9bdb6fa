/** `npm start`: the whole DSR system on local emulators, with demo data. */
import { DEMO_USERS } from '../lib/demo/index.js';
import { DEFAULT_PORT } from '../lib/local/dev-defaults.js';
import { startDsrLocal } from '../lib/local/dsr-local.js';
import { describeFaultSpec, FaultSpecError, parseFaultSpec } from '../lib/local-runtime/index.js';
import { exportLine } from './cli/api-client.js';

const port = Number(process.env.PORT || DEFAULT_PORT);
const sesPort = Number(process.env.SES_PORT ?? 8005);
const verbose = process.env.DSR_VERBOSE === '1';
const faults = readFaults();

/** DSR_FAULTS, or the start stops here saying what is wrong in it. */
function readFaults() {
  try {
    return parseFaultSpec(process.env.DSR_FAULTS);
  } catch (error) {
    if (!(error instanceof FaultSpecError)) throw error;
    console.error(`DSR_FAULTS: ${error.message}`);
    process.exit(1);
  }
}

console.log('Starting the Kiara DSR system locally (synthesizing the stack, starting emulators)…');
const started = Date.now();
// An empty variable counts as unset: an empty secret or token would protect nothing.
const webhookSecret = process.env.DSR_WEBHOOK_SECRET || undefined;
const adminToken = process.env.DSR_ADMIN_TOKEN || undefined;
const local = await startDsrLocal({
  port,
  sesPort,
  webhookSecret,
  adminToken,
  faults,
  log: verbose ? (line) => console.log(line) : undefined,
});
const usingDevSecret = !webhookSecret;
const usingDevToken = !adminToken;

console.log(`
Ready in ${((Date.now() - started) / 1000).toFixed(1)} s — local only, nothing leaves this machine.

  Intake API     POST ${local.apiUrl}/v1/requests   (signed: X-Dsr-Signature)
  Admin API      ${local.apiUrl}/admin/requests     (Authorization: Bearer <admin token>)
  Console        ${local.apiUrl}/console/           (privacy team: queue, request pages, decisions)
  Mailbox        ${local.mailboxUrl}                 (every email the system sends)

  Webhook secret ${local.webhookSecret}${usingDevSecret ? '   (dev default; set DSR_WEBHOOK_SECRET)' : ''}
  Admin token    ${local.adminToken}${usingDevToken ? '   (dev default, local only; set DSR_ADMIN_TOKEN)' : ''}

  Demo users     ${DEMO_USERS.map((user) => user.email).join(', ')}
${faults ? `\n  FAULTS ON      ${describeFaultSpec(faults)}   (DSR_FAULTS: handlers' AWS calls fail and invocations crash at these rates)\n` : ''}
The dsr CLI and the README's curl example read DSR_API_URL, DSR_WEBHOOK_SECRET and
DSR_ADMIN_TOKEN; in another terminal, first run:
  ${exportLine(local)}

Try it:
  npm run --silent dsr -- submit --type access --email ${DEMO_USERS[0]!.email}
  then open the identity link in the mailbox, and
  npm run --silent dsr -- requests list
  npm run --silent dsr -- requests approve <requestId>

Ctrl-C stops everything.`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await local.stop();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
