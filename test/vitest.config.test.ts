/**
 * `npm run test:unit` and `npm run test:e2e` (the projects of vitest.config.ts) together run
 * every test file once, and a unit test starts no local runtime, emulator or browser: a test
 * that does belongs in a `*.e2e.test.ts` file.
 */
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
/** What only a test that starts something imports: the emulators (under the local runtime too) and the browser driver. */
const STARTERS = ['lib/local-runtime/emulators.ts', 'playwright-core'];

function testFilesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') || ['node_modules', 'cdk.out'].includes(entry.name) ? [] : testFilesUnder(relative);
    return TEST_FILE.test(entry.name) ? [relative] : [];
  });
}

async function projectsOf(files: string[]): Promise<Record<string, string[]>> {
  const vitest = await createVitest('test', { root: ROOT, watch: false });
  try {
    return Object.fromEntries(
      files.map((file) => [file, vitest.projects.filter((project) => project.matchesTestGlob(path.join(ROOT, file))).map((project) => project.name)]),
    );
  } finally {
    await vitest.close();
  }
}

/** The starters each file imports, directly or through other modules (esbuild's import graph; type-only imports are none). */
async function startersImportedBy(files: string[]): Promise<Record<string, string[]>> {
  const { metafile } = await build({
    entryPoints: files,
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    outdir: 'graph',
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    metafile: true,
  });
  return Object.fromEntries(
    Object.values(metafile.outputs).flatMap((output) => {
      if (!output.entryPoint) return [];
      const reached = [...Object.keys(output.inputs), ...output.imports.map((imported) => imported.path)];
      return [[output.entryPoint, STARTERS.filter((starter) => reached.includes(starter))]];
    }),
  );
}

describe('the unit and e2e projects', () => {
  const files = testFilesUnder('.');

  it('run every test file of the repository, each in exactly one of them', async () => {
    const projects = await projectsOf(files);
    const notInOne = files.filter((file) => projects[file]!.length !== 1).map((file) => `${file}: ${projects[file]!.join(', ') || 'none'}`);
    expect(files.length).toBeGreaterThan(50);
    expect(notInOne).toEqual([]);
  });

  it('keep in unit only tests that start no local runtime, emulator or browser', async () => {
    const projects = await projectsOf(files);
    const unit = files.filter((file) => projects[file]!.includes('unit'));
    const starters = await startersImportedBy(unit);
    const starting = unit.filter((file) => starters[file]!.length > 0).map((file) => `${file} imports ${starters[file]!.join(', ')}`);
    expect(unit.length).toBeGreaterThan(30);
    expect(starting).toEqual([]);
  });
});
