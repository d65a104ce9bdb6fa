import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLine } from '../../bin/cli/api-client.js';
import { README } from '../infra/readme.js';
import { journey } from './journey.js';
import { startEmbedded, type DsrTarget } from './target.js';

/**
 * The README's curl example, run as written in bash after the `export` line that
 * `npm start` prints (the same function prints it), against the system on the local
 * runtime: a newcomer who copies both gets a 202, not a signature error.
 */

/** The one shell block of the README that signs an intake call with openssl. */
const curlExample = () => {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((block) => block.includes('openssl dgst'));
  expect(blocks).toHaveLength(1);
  return blocks[0]!;
};

let target: DsrTarget;
beforeAll(async () => {
  target = await startEmbedded({ seed: false });
});
afterAll(async () => target?.stop());

describe('README curl example', () => {
  it('files a request, run as written after the banner’s export line', async () => {
    const script = `set -euo pipefail\n${exportLine(target)}\n${curlExample()}`;
    const { stdout } = await promisify(execFile)('bash', ['-c', script], { env: { PATH: process.env.PATH }, timeout: 30_000 });
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ requestId: expect.stringMatching(/^dsr_/), receiptDate: expect.any(String), deadline: expect.any(String) });
    const request = await journey(target).detail(answer.requestId);
    expect(request).toMatchObject({ requestId: answer.requestId, types: ['access'], contactEmail: 'ada@example.com' });
  });
});
