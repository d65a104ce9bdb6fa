import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeDeployCommands, readmeStoresExample } from './readme.js';

/**
 * The README's deploy commands, run as written in a directory like the user's checkout
 * (cdk.json, bin/, and the README's stores.json), with no AWS credentials: `cdk deploy`
 * becomes `cdk synth` (the same app, arguments and synthesis; only the upload is left out)
 * and `cdk bootstrap` is left out, as both need an account.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the checkout (under the ignored .local/), so npx and the CDK find its node_modules and lock file.
mkdirSync(path.join(ROOT, '.local'), { recursive: true });
const dir = mkdtempSync(path.join(ROOT, '.local', 'readme-deploy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const entry of ['cdk.json', 'bin']) symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
writeFileSync(path.join(dir, 'stores.json'), `${JSON.stringify(readmeStoresExample(), null, 2)}\n`);

/** No credentials of any kind reach the commands, so nothing can touch a real account. */
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('CDK_'))),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-credentials'),
  AWS_CONFIG_FILE: path.join(dir, 'no-config'),
  // A test run is no CLI usage to report, nor a reason to look for a newer CDK.
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
};

const run = (command: string) => spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('the README deploy commands, as written', () => {
  const commands = readmeDeployCommands();

  it('preflight, bootstrap and deploy, each once', () => {
    expect(commands.map((command) => command.split(' -')[0])).toEqual(['npm run preflight', 'npx cdk bootstrap', 'npx cdk deploy']);
  });

  it('preflight checks the settings offline and says the SES checks need credentials', { timeout: 300_000 }, () => {
    const result = run(commands.find((command) => command.startsWith('npm run preflight'))!);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('ok      The settings synthesize');
    expect(result.stdout).toMatch(/CHECK {3}(No region|No usable AWS credentials)/);
    expect(result.stdout).not.toMatch(/existingStores is not set|alarmEmail is not set/);
  });

  it('deploy synthesizes with the settings of the command, stores.json included', { timeout: 600_000 }, () => {
    const deploy = commands.find((command) => command.startsWith('npx cdk deploy'))!;
    const result = run(`${deploy.replace('npx cdk deploy', 'npx cdk synth')} > /dev/null`);
    expect(result.status, result.stderr.slice(-4000)).toBe(0);
    const template = readFileSync(path.join(dir, 'cdk.out', 'KiaraDsr.template.json'), 'utf8');
    expect(template).toContain(':table/kiara-accounts');
    expect(template).toContain('oncall@your-domain');
  });
});
