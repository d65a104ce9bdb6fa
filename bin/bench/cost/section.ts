import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SDK_NODE_WARNING_OFF } from '../../../lib/local/dev-defaults.js';
import type { StandaloneSection } from '../harness.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Cost per request: one access and one erasure request end to end on the local DSR
 * runtime, with what each used and its approximate price (see run.ts). It runs in a
 * process of its own: one local runtime per process, and the handlers' shared SDK clients
 * must point at that runtime's emulators, not at the bench's.
 */
export const costSection: StandaloneSection = {
  name: 'cost',
  standalone: true,
  async run(log) {
    const script = fileURLToPath(new URL('./run.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...SDK_NODE_WARNING_OFF },
    });
    const exit = await new Promise<number | string | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? signal));
    });
    if (exit !== 0) throw new Error(`the cost section's process ended with ${exit}`);
    log('section cost done');
  },
};
