import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SDK_NODE_WARNING_OFF } from '../../../lib/local/dev-defaults.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** What a local tool's process does first: create an SDK client, which is when the SDK checks the Node.js version. */
const NEW_CLIENT = "import { S3Client } from '@aws-sdk/client-s3'; new S3Client({ region: 'eu-west-1' });";
/** This environment without the switch, whatever the caller's shell set. */
const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _set, ...environment } = process.env;
const stderrOfNewClient = async (env: Record<string, string>) =>
  (await promisify(execFile)(process.execPath, ['--input-type=module', '-e', NEW_CLIENT], { cwd: root, env: { ...environment, ...env } })).stderr;

describe.runIf(Number(process.versions.node.split('.')[0]) < 22)('SDK_NODE_WARNING_OFF on Node.js 20', () => {
  it('silences the installed SDK NodeVersionSupportWarning, which a process without it prints', async () => {
    expect(await stderrOfNewClient({})).toContain('NodeVersionSupportWarning');
    expect(await stderrOfNewClient(SDK_NODE_WARNING_OFF)).toBe('');
  });
});
