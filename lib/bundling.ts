import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * The AWS SDK for JavaScript v3, which the Node.js 24 runtime also provides. It is bundled
 * nonetheless: the version we test is the version that runs, and a bundled SDK imports
 * faster than the runtime's loose files (README, "Lambda bundles"; `npm run bench --
 * --section bundles` measures both).
 */
export const AWS_SDK_MODULES = ['@aws-sdk/*'];

/** ESM bundles still meet CommonJS dependencies that call require(). */
const REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** How every Lambda of this project is bundled (lib/constructs/dsr-function.ts). */
export const LAMBDA_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  sourceMap: true,
  minify: true,
  banner: REQUIRE_BANNER,
  externalModules: [],
} as const satisfies BundlingOptions;

/**
 * The same build as esbuild options, for the bench, which builds each Lambda as deployed
 * (the CDK runs esbuild with these settings, one function at a time); source maps and
 * external modules can be changed, to compare. `entryPoints` maps output names to sources.
 */
export function esbuildOptionsOf(
  entryPoints: Record<string, string>,
  outdir: string,
  { sourcemap = LAMBDA_BUNDLING.sourceMap as boolean, external = [...LAMBDA_BUNDLING.externalModules] as string[] } = {},
): BuildOptions {
  return {
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    minify: LAMBDA_BUNDLING.minify,
    sourcemap,
    banner: { js: LAMBDA_BUNDLING.banner },
    external,
    logLevel: 'error',
  };
}
