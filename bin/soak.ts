/**
 * The long soak (README "Failure behaviour"): `npm run soak -- --requests 40 --faults
 * dynamodb=0.1,s3=0.3,ses=0.2,crash=0.05 --seed 42 --json soak.json`. `--requests` is per
 * right (seven rights); a quarter of the requesters have heavy accounts. Prints progress,
 * then the figures (requests, faults by kind, retries, time to drain, emails sent versus
 * expected) and every problem found; exits 1 when there is one.
 */
import { writeFileSync } from 'node:fs';
import { SDK_NODE_WARNING_OFF } from '../lib/local/dev-defaults.js';
import { toolArgs, usageError, type Tool, type ToolOptions } from './tool-options.js';

const SOAK = {
  name: 'soak',
  summary:
    'Files requests of every right on the local runtime under injected faults, has the team retry through the admin API ' +
    'until they drain, then checks that nothing was lost or sent twice; exits 1 when it finds a problem.',
  options: {
    requests: { type: 'string', value: '<n>', default: '40', description: 'requests per right (seven rights); a quarter of the requesters have heavy accounts' },
    faults: { type: 'string', value: '<spec>', default: 'dynamodb=0.1,s3=0.3,ses=0.2,crash=0.05', description: 'the faults to inject, as DSR_FAULTS takes them' },
    seed: { type: 'string', value: '<n>', description: "the faults' seed (without it, the spec's seed, else 1): the same seed, the same faults" },
    // Under crash=0.05 an invocation of n AWS calls survives with probability 0.95^n: 60 media
    // objects (about 120 calls in the media connector's one invocation) never got through.
    'heavy-usage-logs': { type: 'string', value: '<n>', default: '300', description: "a heavy requester's usage-log items" },
    'heavy-media': { type: 'string', value: '<n>', default: '10', description: "a heavy requester's media objects" },
    'drain-minutes': { type: 'string', value: '<n>', default: '30', description: 'how long the requests may take to drain before the soak stops waiting' },
    json: { type: 'string', value: '<file>', description: 'write the figures, checks and problems to this file as JSON' },
  },
} as const satisfies Tool<ToolOptions>;
// Read first: `--help` and a mistyped option answer before the runtime loads.
const values = toolArgs(SOAK);

// Thousands of expected step failures would bury the soak's own lines; the handlers' logger
// reads its level when it is first imported, so the soak is imported after this.
process.env.LOG_LEVEL ??= 'CRITICAL';
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL;
// Likewise the SDK's Node.js 22 notice (see SDK_NODE_WARNING_OFF), before any client exists.
Object.assign(process.env, SDK_NODE_WARNING_OFF);
const { describeFaultSpec, parseFaultSpec } = await import('../lib/local-runtime/index.js');
const { runSoak } = await import('../lib/local/soak/run.js');

const spec = faultSpec(values.seed ? `${values.faults},seed=${values.seed}` : values.faults);
console.log(`soak: ${values.requests} requests per right under ${describeFaultSpec(spec)}`);
const started = Date.now();
const report = await runSoak({
  requestsPerRight: Number(values.requests),
  faults: spec,
  heavySizes: { 'usage-logs': Number(values['heavy-usage-logs']), media: Number(values['heavy-media']) },
  drainTimeoutMs: Number(values['drain-minutes']) * 60_000,
  log: (line) => console.log(`[${Math.round((Date.now() - started) / 1000)} s] ${line}`),
});
const { figures } = report;
console.log(JSON.stringify({ spec: describeFaultSpec(spec), ...figures, statuses: report.checks.statuses, probe: report.probe }, null, 2));
for (const problem of report.problems) console.log(`PROBLEM ${problem}`);
console.log(`${report.problems.length} problems; emails sent ${figures.emails.sent}, expected ${figures.emails.expected} (${report.checks.resentAfterCrash} resent after a crash between SES and the marker)`);
if (values.json) writeFileSync(values.json, JSON.stringify({ spec: describeFaultSpec(spec), ...report }, null, 2));
process.exit(report.problems.length > 0 ? 1 : 0);

/** The spec to run under; a spec that names no fault or does not parse is a usage error. */
function faultSpec(text: string) {
  try {
    return parseFaultSpec(text) ?? usageError(SOAK, '--faults names no fault');
  } catch (error) {
    return usageError(SOAK, `--faults: ${(error as Error).message}`);
  }
}
