import { readFileSync } from 'node:fs';

/** The README as a user reads it, and the parts of its deploy section the tests run. */
export const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The `stores.json` example of the README's deploy steps, as a user would copy it. */
export function readmeStoresExample(): { tables: Record<string, string>; mediaBucket: string } {
  const block = /in `stores.json`:\s*```json\n([\s\S]*?)```/.exec(README);
  if (!block) throw new Error('README: the stores.json example is missing');
  return JSON.parse(block[1]!.replace(/^ {3}/gm, ''));
}

/** The commands of the first shell block under "Deploying to AWS", continuation lines joined, comments dropped. */
export function readmeDeployCommands(): string[] {
  const section = README.slice(README.indexOf('## Deploying to AWS'));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README: the deploy commands are missing');
  return block[1]!
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
}
