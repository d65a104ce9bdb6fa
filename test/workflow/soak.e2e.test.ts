import { beforeAll, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../lib/local-runtime/index.js';
import { runSoak, type SoakReport } from '../../lib/local/soak/run.js';

/**
 * The short soak of `npm test` (README "Failure behaviour", Soak): every right once, a
 * quarter of the requests for heavy accounts, run concurrently under the faults
 * with a fixed seed, the team retrying failed stores and steps through the admin API;
 * `npm run soak` runs the long one. SOAK_REQUESTS_PER_RIGHT raises it here.
 */
const PER_RIGHT = Number(process.env.SOAK_REQUESTS_PER_RIGHT ?? 1);
// Thousands of injected faults would each log an error; the report names every problem.
process.env.LOG_LEVEL ??= 'SILENT';
const FAULTS = parseFaultSpec('dynamodb=0.1,s3=0.3,ses=0.2,crash=0.05,seed=42')!;

let report: SoakReport;
beforeAll(async () => {
  report = await runSoak({
    requestsPerRight: PER_RIGHT,
    faults: FAULTS,
    // Heavier than the demo accounts, yet small enough for CI's two cores: Assemble and
    // Restrict make calls in proportion to the account's data in one invocation, and under
    // crash=0.05 a try survives n calls with probability 0.95^n (the long soak's accounts are larger).
    heavySizes: { 'usage-logs': 100, media: 8, generations: 15 },
    drainTimeoutMs: 240_000,
    log: process.env.SOAK_LOG ? (line) => console.log(line) : undefined,
  });
  console.log(`soak: ${JSON.stringify(report.figures)}`);
}, 300_000);

describe(`a soak of ${PER_RIGHT} requests per right under faults`, () => {
  it('injected faults of every kind', () => {
    expect(Object.keys(report.figures.faults).some((key) => key.startsWith('dynamodb:'))).toBe(true);
    expect(Object.keys(report.figures.faults).some((key) => key.startsWith('s3:'))).toBe(true);
    expect(Object.keys(report.figures.faults).some((key) => key.startsWith('ses:'))).toBe(true);
    expect(report.figures.faults.crash).toBeGreaterThan(0);
  });

  it('ends every request completed, with each email once, erasures and packages exact, no duplicate audit event, no unhandled rejection', () => {
    expect(report.problems).toEqual([]);
    expect(report.checks.statuses).toEqual({ completed: report.figures.requests });
    expect(report.checks.erasuresChecked).toBe(PER_RIGHT);
    expect(report.checks.packagesChecked).toBe(2 * PER_RIGHT);
    expect(report.figures.emails.sent).toBe(report.figures.emails.expected + report.checks.resentAfterCrash);
  });

  it('answers 503 with Retry-After when a public route’s retries are spent, and files one request when the caller repeats the key', () => {
    expect(report.probe.during).toEqual([
      { route: 'POST /v1/requests', status: 503, retryAfter: '5', code: 'service_unavailable' },
      { route: 'GET /admin/requests', status: 503, retryAfter: '5', code: 'service_unavailable' },
    ]);
    expect(new Set(report.probe.after).size).toBe(1);
    expect(report.probe.requestsFiled).toBe(1);
  });
});
