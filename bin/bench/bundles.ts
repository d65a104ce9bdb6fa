import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { AWS_SDK_MODULES, esbuildOptionsOf } from '../../lib/bundling.js';
import { dsrTemplate } from '../../lib/local/dsr-local.js';
import { figure } from './figures.js';
import { formatColumns, median, type Figure, type StandaloneSection } from './harness.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Inside the repository (ignored by git), so that a bundle's external `@aws-sdk/*` resolve as on the runtime. */
const OUT_DIR = path.join(REPO_ROOT, '.local', 'bench-bundles');
/** The goal of issue 15 for every bundle. */
const MAX_BUNDLE_KB = 300;
const run = promisify(execFile);
/** The SDK's default credential chain (SSO, INI files, web identity, IMDS and their nested clients): on Lambda only the environment's credentials are used. */
const CREDENTIAL_CHAIN = /node_modules\/@aws-sdk\/(credential-provider-[^/]+|nested-clients|token-providers)\//;

const nameOf = (entry: string) => entry.replace(/^functions\//, '').replace(/\/index\.ts$/, '').replace(/\//g, '-');

/** Milliseconds a fresh Node.js process takes to import the module, as a cold Lambda does. */
async function importMs(file: string, sourceMaps: boolean): Promise<number> {
  const script = 'const t = performance.now(); await import(process.argv[1]); console.log(performance.now() - t);';
  const flags = sourceMaps ? ['--enable-source-maps'] : [];
  const { stdout } = await run(process.execPath, [...flags, '--input-type=module', '-e', script, file], { cwd: REPO_ROOT });
  return Number(stdout.trim());
}

interface Built {
  entry: string;
  kb: number;
  mapKb: number;
  /** Cold import, less the empty bundle's: as deployed, with source maps (NODE_OPTIONS as deployed), with the SDK external. */
  importMs: number;
  importWithMapsMs: number;
  sdkExternalKb: number;
  sdkExternalImportMs: number;
  /** Of the deployed bundle: the default credential chain, which no import path leaves out. */
  credentialChainKb: number;
}

/** KB of each output that come from inputs matching `pattern`. */
function kbFrom(metafile: Metafile, pattern: RegExp): Map<string, number> {
  return new Map(
    Object.entries(metafile.outputs).map(([file, output]) => [
      path.basename(file, '.mjs'),
      Object.entries(output.inputs).reduce((sum, [input, { bytesInOutput }]) => sum + (pattern.test(input) ? bytesInOutput : 0), 0) / 1024,
    ]),
  );
}

/**
 * Builds each Lambda as deployed (lib/bundling.ts, the options the stack gives the CDK's
 * esbuild), then reports its size, its source map's, and its cold import time against an
 * empty bundle's, without and with `--enable-source-maps`: the median of `--rounds` fresh
 * processes each; and, for the bundling decision, the SDK's share of each bundle (the
 * default credential chain's part of it), the same with the AWS SDK left to the runtime
 * (here it loads from node_modules, as the runtime's loads from its own files), and each
 * way against the size goal. Needs no emulator.
 */
export const bundleSection: StandaloneSection = {
  name: 'bundles',
  standalone: true,
  async run(log, { rounds }) {
    const entries = [
      ...new Set(
        Object.values<any>(dsrTemplate().Resources)
          .map((resource) => resource.Metadata?.DsrEntry as string | undefined)
          .filter((entry): entry is string => entry !== undefined),
      ),
    ].sort();
    rmSync(OUT_DIR, { recursive: true, force: true });
    mkdirSync(OUT_DIR, { recursive: true });
    const emptyEntry = path.join(OUT_DIR, 'empty.ts');
    writeFileSync(emptyEntry, 'export const handler = async () => undefined;\n');
    const names = new Map([['empty', emptyEntry], ...entries.map((entry) => [nameOf(entry), path.join(REPO_ROOT, entry)] as const)]);
    const variants = {
      deployed: { maps: false, options: { sourcemap: false } },
      sourceMaps: { maps: true, options: { sourcemap: true } },
      sdkExternal: { maps: false, options: { sourcemap: false, external: AWS_SDK_MODULES } },
    };
    type Variant = keyof typeof variants;
    const fileOf = (variant: Variant, name: string) => path.join(OUT_DIR, variant, `${name}.mjs`);
    const metafiles = new Map<string, Metafile>();
    for (const [variant, { options }] of Object.entries(variants)) {
      const { metafile } = await build({ ...esbuildOptionsOf(Object.fromEntries(names), path.join(OUT_DIR, variant), options), metafile: true });
      metafiles.set(variant, metafile);
    }
    const credentialChainKb = kbFrom(metafiles.get('deployed')!, CREDENTIAL_CHAIN);
    log(`bundles: built ${entries.length} Lambdas in ${Object.keys(variants).length} variants`);
    const measured = new Map<string, Record<Variant, number>>();
    for (const name of names.keys()) {
      const times: Record<Variant, number[]> = { deployed: [], sourceMaps: [], sdkExternal: [] };
      for (let round = 0; round < rounds; round++) {
        for (const [variant, { maps }] of Object.entries(variants)) times[variant as Variant].push(await importMs(fileOf(variant as Variant, name), maps));
      }
      measured.set(name, { deployed: median(times.deployed), sourceMaps: median(times.sourceMaps), sdkExternal: median(times.sdkExternal) });
    }
    const empty = measured.get('empty')!;
    const kb = (file: string) => statSync(file).size / 1024;
    const built: Built[] = entries.map((entry) => {
      const ms = measured.get(nameOf(entry))!;
      return {
        entry,
        kb: kb(fileOf('deployed', nameOf(entry))),
        mapKb: kb(`${fileOf('sourceMaps', nameOf(entry))}.map`),
        importMs: ms.deployed - empty.deployed,
        importWithMapsMs: ms.sourceMaps - empty.sourceMaps,
        sdkExternalKb: kb(fileOf('sdkExternal', nameOf(entry))),
        sdkExternalImportMs: ms.sdkExternal - empty.sdkExternal,
        credentialChainKb: credentialChainKb.get(nameOf(entry)) ?? 0,
      };
    });
    console.log(
      `\nLambda bundles as deployed (lib/bundling.ts), cold import in a fresh process less an empty bundle's ` +
        `(${empty.deployed.toFixed(0)} ms), median of ${rounds}\n`,
    );
    console.log(
      formatColumns(
        ['Lambda', 'KB', 'of it SDK', 'of it credential chain', 'map KB', 'import ms', 'import ms, source maps', 'SDK external: KB', 'import ms'],
        built.map((b) => [
          b.entry,
          b.kb.toFixed(0),
          (b.kb - b.sdkExternalKb).toFixed(0),
          b.credentialChainKb.toFixed(0),
          b.mapKb.toFixed(0),
          b.importMs.toFixed(1),
          b.importWithMapsMs.toFixed(1),
          b.sdkExternalKb.toFixed(0),
          b.sdkExternalImportMs.toFixed(1),
        ]),
      ),
    );
    console.log(`\nAgainst the goal, every bundle <= ${MAX_BUNDLE_KB} KB:`);
    for (const line of goalLines(built)) console.log(`  ${line}`);
    const largest = built.reduce((max, b) => (b.kb > max.kb ? b : max));
    const over = built.filter((b) => b.kb > MAX_BUNDLE_KB);
    const slowest = built.reduce((max, b) => (b.importWithMapsMs > max.importWithMapsMs ? b : max));
    const figures: Figure[] = [
      figure(
        'largestBundle',
        Math.round(largest.kb),
        `${largest.entry}; ${over.length} of ${built.length} over ${MAX_BUNDLE_KB} KB; ` +
          `SDK external: ${Math.round(Math.max(...built.map((b) => b.sdkExternalKb)))} KB, ${built.filter((b) => b.sdkExternalKb > MAX_BUNDLE_KB).length} over`,
      ),
      figure('coldImport', Number(slowest.importWithMapsMs.toFixed(1)), `${slowest.entry}, with source maps`),
    ];
    return figures;
  },
};

/** Each way of bundling the SDK against the size goal: how many bundles are over, and the range. */
function goalLines(built: readonly Built[]): string[] {
  const against = (label: string, kbOf: (b: Built) => number) => {
    const sizes = built.map(kbOf);
    const over = built.filter((b) => kbOf(b) > MAX_BUNDLE_KB).map((b) => nameOf(b.entry));
    const range = `${Math.min(...sizes).toFixed(0)}-${Math.max(...sizes).toFixed(0)} KB`;
    return `${label}: ${range}, ${over.length} of ${built.length} over${over.length > 0 && over.length < built.length / 2 ? ` (${over.join(', ')})` : ''}`;
  };
  return [
    against('SDK bundled (as deployed)', (b) => b.kb),
    against('SDK bundled, default credential chain left out', (b) => b.kb - b.credentialChainKb),
    against("SDK external (the runtime's)", (b) => b.sdkExternalKb),
  ];
}
