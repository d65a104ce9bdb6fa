import { build, buildSync, type BuildOptions } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console's folder: index.html, console.css and src/ (TypeScript for the browser). */
export const CONSOLE_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Files served as they are, beside the bundle `app.js`. */
export const STATIC_FILES = ['index.html', 'console.css'] as const;

const options = (minify: boolean): BuildOptions => ({
  entryPoints: [path.join(CONSOLE_DIR, 'src/main.ts')],
  bundle: true,
  format: 'esm',
  // Browsers with <dialog>, top-level ES2022 and crypto.subtle: every current browser.
  target: ['es2022', 'chrome111', 'firefox111', 'safari16.4', 'edge111'],
  platform: 'browser',
  minify,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'silent',
  tsconfig: path.join(CONSOLE_DIR, 'tsconfig.json'),
});

/** The built console in memory: file name to bytes (app.js, index.html, console.css). */
export async function buildConsole({ minify = true } = {}): Promise<Map<string, Uint8Array>> {
  const result = await build({ ...options(minify), write: false, outfile: 'app.js' });
  const files = new Map<string, Uint8Array>();
  files.set('app.js', result.outputFiles[0]!.contents);
  for (const name of STATIC_FILES) files.set(name, readFileSync(path.join(CONSOLE_DIR, name)));
  return files;
}

/** Builds the console into `outdir` synchronously (CDK asset bundling runs synchronously). */
export function buildConsoleSync(outdir: string, { minify = true } = {}): void {
  mkdirSync(outdir, { recursive: true });
  const result = buildSync({ ...options(minify), write: false, outfile: path.join(outdir, 'app.js') });
  writeFileSync(path.join(outdir, 'app.js'), result.outputFiles[0]!.contents);
  for (const name of STATIC_FILES) copyFileSync(path.join(CONSOLE_DIR, name), path.join(outdir, name));
}
