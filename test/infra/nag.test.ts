import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { synthStack } from './synth.js';

/**
 * The AwsSolutions pack over the whole stack: no error and no warning may remain that is
 * not acknowledged next to its resource (see lib/nag.ts and each construct).
 */
const { app, stack } = synthStack();
const report = new AwsSolutionsChecks().validateScope(app);

function describeViolations(): string {
  return report.violations
    .map(
      (violation) =>
        `${violation.severity} ${violation.ruleName}: ${violation.description}\n` +
        violation.violatingResources.map((resource) => `    ${resource.constructPath}`).join('\n'),
    )
    .join('\n');
}

/** Every acknowledgement in the app: construct path, rule id and reason. */
function acknowledgements(): { path: string; id: string; reason: string }[] {
  const found: { path: string; id: string; reason: string }[] = [];
  const walk = (node: IConstruct) => {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: node.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
    for (const child of node.node.children) walk(child);
  };
  walk(app);
  return found;
}

describe('cdk-nag AwsSolutions', () => {
  it('leaves no unacknowledged error or warning', () => {
    const remaining = report.violations.filter((v) => v.severity === 'error' || v.severity === 'warning');
    expect(remaining, `unacknowledged cdk-nag findings:\n${describeViolations()}`).toHaveLength(0);
  });

  it('acknowledges next to resources, never for the whole stack or app, each with a specific reason', () => {
    const acks = acknowledgements();
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.path, `${ack.id} acknowledged on the stack`).not.toBe(stack.node.path);
      expect(ack.path, `${ack.id} acknowledged on the app`).not.toBe('');
      expect(ack.reason.length, `${ack.id} at ${ack.path}: reason too short`).toBeGreaterThan(40);
    }
  });

  it('acknowledges IAM4/IAM5 finding by finding, not the whole rule', () => {
    for (const ack of acknowledgements()) {
      expect(ack.id).not.toMatch(/^AwsSolutions-IAM[45]$/);
    }
  });

  it('explains each public route on its own method', () => {
    const routes = acknowledgements().filter((ack) => ack.id === 'AwsSolutions-COG4');
    expect(routes.map((ack) => ack.path.replace(/^.*\/Default/, '')).sort()).toEqual(
      [
        '/v1/downloads/{token}/GET',
        '/v1/openapi.json/GET',
        '/v1/requests/POST',
        '/v1/requests/{requestId}/resend-verification/POST',
        '/v1/verify/{token}/GET',
        '/v1/verify/{token}/POST',
      ].sort(),
    );
    expect(new Set(routes.map((ack) => ack.reason)).size).toBe(routes.length);
  });
});
