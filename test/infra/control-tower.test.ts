import { App } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app.js';

/**
 * AWS Control Tower's proactive controls (cfn-guard rules bundled with
 * @cdklabs/cdk-validator-cfnguard, binary included) through CDK's policy-validation plugin:
 * the synthesis fails on any finding not acknowledged next to its resource (lib/nag.ts).
 */
interface ValidationReport {
  pluginReports: { pluginName: string; conclusion: string; violations: { ruleName: string; description: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Synthesizes with the plugin; the report lists what is left after the acknowledgements. */
function validate(context: Record<string, unknown>): { failed: boolean; report: ValidationReport } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'dsr-guard-'));
  outdirs.push(outdir);
  const app = new App({ outdir, policyValidationBeta1: [new CfnGuardValidator()], context: { 'aws:cdk:bundling-stacks': [], ...context } });
  buildApp(app);
  let failed = false;
  try {
    app.synth();
  } catch (error) {
    if ((error as Error).name !== 'ValidationFailed') throw error;
    failed = true;
  }
  return { failed, report: JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport };
}

const describeViolations = (report: ValidationReport) =>
  report.pluginReports
    .flatMap((plugin) => plugin.violations)
    .map((violation) => `${violation.ruleName} ${violation.description}\n${violation.violatingConstructs.map((c) => `    ${c.constructPath}`).join('\n')}`)
    .join('\n');

// The AWS target only: the LocalStack variant carries a rule that makes CloudFormation refuse it in AWS.
describe('AWS Control Tower proactive controls', () => {
  // cfn-guard runs 81 rule files over the whole template: tens of seconds on a busy machine.
  it('leave no unacknowledged finding', { timeout: 480_000 }, () => {
    const { failed, report } = validate({});
    const guard = report.pluginReports.find((plugin) => plugin.pluginName === 'cdk-validator-cfnguard');
    expect(guard, 'the cfn-guard plugin ran').toBeDefined();
    expect(guard!.violations, `unacknowledged Control Tower findings:\n${describeViolations(report)}`).toEqual([]);
    expect(failed).toBe(false);
  });
});
