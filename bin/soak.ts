/**
 * The long soak (README "Failure behaviour"): `npm run soak -- --requests 40 --faults
 * dynamodb=0.1,s3=0.3,ses=0.2,crash=0.05 --seed 42 --json soak.json`. `--requests` is per
 * right (seven rights); a quarter of the requesters have heavy accounts. Prints progress,
 * then the figures (requests, faults by kind, retries, time to drain, emails sent versus
 * expected) and every problem found; exits 1 when there is one.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// Thousands of expected step failures would bury the soak's own lines; the handlers' logger
// reads its level when it is first imported, so the soak is imported after this.
process.env.LOG_LEVEL ??= 'CRITICAL';
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL;
const { describeFaultSpec, parseFaultSpec } = await import('../lib/local-runtime/index.js');
const { runSoak } = await import('../lib/local/soak/run.js');

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '40' },
    faults: { type: 'string', default: 'dynamodb=0.1,s3=0.3,ses=0.2,crash=0.05' },
    seed: { type: 'string' },
    'heavy-usage-logs': { type: 'string', default: '2000' },
    'heavy-media': { type: 'string', default: '60' },
    'drain-minutes': { type: 'string', default: '30' },
    json: { type: 'string' },
  },
});

const spec = parseFaultSpec(values.seed ? `${values.faults},seed=${values.seed}` : values.faults);
if (!spec) throw new Error('--faults names no fault');
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
