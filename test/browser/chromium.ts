import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import sparticuzChromium from '@sparticuz/chromium';

/** Debian's Chromium, which CI installs (.ci/run). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumBinary {
  path: string;
  /** Where it was found, for the test's log line and failure messages. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
  /** Environment the browser process needs on top of this one (see bundledLibraries). */
  env: Record<string, string>;
}

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The shared libraries `ldd` cannot find for a binary (none where ldd itself is missing). */
function missingLibraries(binary: string): string[] {
  try {
    const report = execFileSync('ldd', [binary], { encoding: 'utf8' });
    return [...report.matchAll(/^\s*(\S+) => not found/gm)].map((match) => match[1]!);
  } catch {
    return [];
  }
}

/**
 * The NSS and expat libraries the @sparticuz/chromium binary links against, which a
 * minimal Linux image (node:20-slim, say) lacks. The package ships them in
 * `bin/al2023.tar.br` and unpacks them itself only on Amazon Linux 2023; this unpacks
 * them into the temp directory (with the system's tar) and returns that directory.
 */
export function bundledLibraries(): string {
  const dir = path.join(tmpdir(), 'al2023');
  if (!existsSync(path.join(dir, 'lib', 'libnss3.so'))) {
    const packageMain = createRequire(import.meta.url).resolve('@sparticuz/chromium');
    const tarball = path.resolve(path.dirname(packageMain), '../../bin/al2023.tar.br');
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-x', '-C', dir], { input: brotliDecompressSync(readFileSync(tarball)) });
  }
  return path.join(dir, 'lib');
}

/**
 * The Chromium the browser test drives: `CHROMIUM_PATH` when set (it must be executable),
 * else Debian's `/usr/bin/chromium` when present and executable, else the binary the
 * `@sparticuz/chromium` dev dependency ships (unpacked into the temp directory on first
 * use, with its bundled libraries when the system lacks any it needs), so that
 * `npm ci && npm test` needs no system browser. `SYSTEM_CHROMIUM_PATH` moves the second
 * place, so the fallback can be checked on a machine that has Debian's
 * (`SYSTEM_CHROMIUM_PATH=/nonexistent`).
 */
export async function findChromium(env: Record<string, string | undefined> = process.env): Promise<ChromiumBinary> {
  const systemPath = env.SYSTEM_CHROMIUM_PATH || SYSTEM_CHROMIUM;
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    if (!isExecutable(chosen)) throw new Error(`CHROMIUM_PATH is ${chosen}, which is not an executable file; unset it to use a bundled Chromium.`);
    return { path: chosen, source: 'CHROMIUM_PATH', env: {} };
  }
  if (isExecutable(systemPath)) return { path: systemPath, source: 'system', env: {} };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`No Chromium at ${systemPath}, and the bundled one (@sparticuz/chromium) runs on Linux x64 only: set CHROMIUM_PATH to a Chromium or Chrome binary.`);
  }
  const bundled = await sparticuzChromium.executablePath();
  if (missingLibraries(bundled).length === 0) return { path: bundled, source: '@sparticuz/chromium', env: {} };
  const libraryPath = [bundledLibraries(), env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return { path: bundled, source: '@sparticuz/chromium', env: { LD_LIBRARY_PATH: libraryPath } };
}

/** The environment to launch a found Chromium with. */
export const browserEnv = (binary: ChromiumBinary) => ({ ...process.env, ...binary.env });
