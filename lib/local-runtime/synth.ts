import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CfnTemplate } from './template.js';

/**
 * Synthesizes one stack to its CloudFormation template for the local runtime.
 * - No asset is bundled: the runtime loads each handler from its TypeScript source
 *   (`DsrEntry`), so esbuild would only cost time (~0.65 s per NodejsFunction).
 * - CDK's built-in CloudFormation validation is off: its WASM engine takes ~6 s on the
 *   first synth of a process and belongs to `cdk synth` and the infrastructure tests.
 * - The cloud assembly goes to a temporary folder that is removed afterwards.
 */
export function synthesizeTemplate(buildApp: (app: App) => Stack): CfnTemplate {
  const outdir = mkdtempSync(path.join(tmpdir(), 'dsr-synth-'));
  try {
    const app = new App({
      outdir,
      context: { 'aws:cdk:bundling-stacks': [] },
      builtinCloudFormationValidation: false,
      treeMetadata: false,
    });
    return Template.fromStack(buildApp(app)).toJSON() as CfnTemplate;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
