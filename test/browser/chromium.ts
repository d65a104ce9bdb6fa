import { accessSync, constants } from 'node:fs';
import sparticuzChromium from '@sparticuz/chromium';

/** Debian's Chromium, which CI installs (.ci/run). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumBinary {
  path: string;
  /** Where it was found, for the test's log line and failure messages. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The Chromium the browser test drives: `CHROMIUM_PATH` when set (it must be executable),
 * else Debian's `/usr/bin/chromium` when present and executable, else the binary the
 * `@sparticuz/chromium` dev dependency ships (unpacked into the temp directory on first
 * use), so that `npm ci && npm test` needs no system browser. `SYSTEM_CHROMIUM_PATH`
 * moves the second place, so the fallback can be checked on a machine that has Debian's
 * (`SYSTEM_CHROMIUM_PATH=/nonexistent`).
 */
export async function findChromium(env: Record<string, string | undefined> = process.env): Promise<ChromiumBinary> {
  const systemPath = env.SYSTEM_CHROMIUM_PATH || SYSTEM_CHROMIUM;
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    if (!isExecutable(chosen)) throw new Error(`CHROMIUM_PATH is ${chosen}, which is not an executable file; unset it to use a bundled Chromium.`);
    return { path: chosen, source: 'CHROMIUM_PATH' };
  }
  if (isExecutable(systemPath)) return { path: systemPath, source: 'system' };
  return { path: await sparticuzChromium.executablePath(), source: '@sparticuz/chromium' };
}
