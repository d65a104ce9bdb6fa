#!/usr/bin/env node
/**
 * `npm run deploy:localstack`: deploys the stack (target=localstack) to a running
 * LocalStack, then writes `.localstack/deployment.json`, which the end-to-end tests
 * (`DSR_TARGET=localstack npm run test:e2e`) and the `dsr` CLI read.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient, VerifyEmailIdentityCommand } from '@aws-sdk/client-ses';
import { Command } from 'commander';
import { DEMO_USERS, seedDemoData } from '../lib/demo/index.js';
import {
  LOCALSTACK_DEPLOYMENT_FILE,
  LOCALSTACK_SERVICES,
  LOCALSTACK_VERSION,
  localStackClientConfig,
  storeLocations,
  useLocalStackForSdkClients,
  type LocalStackDeployment,
} from '../lib/localstack-deployment.js';

// cdklocal writes the stack outputs here; the deployment file adds the two secrets.
const OUTPUTS_FILE = '.localstack/outputs.json';

const program = new Command()
  .name('deploy:localstack')
  .description('Deploy the DSR stack to a running LocalStack (docker compose up -d)')
  .option('--endpoint <url>', 'LocalStack endpoint', process.env.AWS_ENDPOINT_URL ?? 'http://localhost:4566')
  .option('--region <region>', 'region', process.env.AWS_REGION ?? 'us-east-1')
  .option('--sender <email>', 'SES sender identity to verify and use', 'privacy@kiara-api.com')
  .action(deploy);

async function deploy(options: { endpoint: string; region: string; sender: string }) {
  const endpoint = options.endpoint.replace(/\/$/, '');
  await checkHealth(endpoint);
  const config = localStackClientConfig(endpoint, options.region);

  step(`Verifying the SES sender ${options.sender}`);
  await new SESClient(config).send(new VerifyEmailIdentityCommand({ EmailAddress: options.sender }));

  const env = { ...process.env, AWS_ENDPOINT_URL: endpoint, AWS_REGION: options.region, AWS_DEFAULT_REGION: options.region };
  step('Bootstrapping CDK in LocalStack');
  await run('cdklocal', ['bootstrap', `aws://000000000000/${options.region}`], env);
  step('Deploying KiaraDsr (-c target=localstack); bundling 20+ Lambdas takes a minute or two');
  await mkdir('.localstack', { recursive: true });
  await run(
    'cdklocal',
    ['deploy', 'KiaraDsr', '-c', 'target=localstack', '-c', `senderEmail=${options.sender}`,
      '--require-approval', 'never', '--outputs-file', OUTPUTS_FILE],
    env,
  );

  const outputs = (JSON.parse(await readFile(OUTPUTS_FILE, 'utf8')) as Record<string, Record<string, string>>).KiaraDsr ?? {};
  const secrets = new SecretsManagerClient(config);
  const secret = async (arn: string | undefined) =>
    arn ? ((await secrets.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString ?? '') : '';
  const deployment: LocalStackDeployment = {
    endpoint,
    region: options.region,
    outputs,
    webhookSecret: (JSON.parse((await secret(outputs.WebhookSecretArn)) || '{}') as { current?: string }).current ?? '',
    adminToken: await secret(outputs.AdminTokenSecretArn),
  };
  await writeFile(LOCALSTACK_DEPLOYMENT_FILE, `${JSON.stringify(deployment, null, 2)}\n`, { mode: 0o600 });

  step('Seeding the demo users\' data into the demo stores');
  useLocalStackForSdkClients(endpoint, options.region);
  const stores = storeLocations(outputs);
  const counts = await seedDemoData({ tables: stores.tables, bucket: stores.mediaBucket });
  console.log(`  ${Object.entries(counts).map(([store, count]) => `${store} ${count}`).join(', ')}`);

  console.log(`
Deployed to LocalStack, with demo users ${DEMO_USERS.map((user) => user.email).join(' and ')}.
  Intake API   ${outputs.IntakeUrl}
  Mailbox      ${endpoint}/_aws/ses
  Admin API    ${outputs.ApiUrl}/admin/requests (Authorization: Bearer <adminToken>)
  Credentials  ${LOCALSTACK_DEPLOYMENT_FILE} (webhook secret and admin token of this LocalStack only)

Run the end-to-end tests against it:   DSR_TARGET=localstack npm run test:e2e
Use the CLI against it:                DSR_TARGET=localstack npm run --silent dsr -- requests list`);
}

/** Fails with what to do when LocalStack is not up or lacks a service the stack needs. */
async function checkHealth(endpoint: string) {
  step(`Checking LocalStack at ${endpoint}`);
  let health: { version?: string; services?: Record<string, string> };
  try {
    health = (await (await fetch(`${endpoint}/_localstack/health`)).json()) as typeof health;
  } catch {
    throw new Error(`LocalStack is not reachable at ${endpoint}. Start it with: docker compose up -d`);
  }
  const missing = LOCALSTACK_SERVICES.filter((service) => !['available', 'running'].includes(health.services?.[service] ?? ''));
  if (missing.length > 0) {
    throw new Error(`LocalStack at ${endpoint} lacks services the stack needs: ${missing.join(', ')} (see SERVICES in docker-compose.yml)`);
  }
  if (health.version && !health.version.startsWith(LOCALSTACK_VERSION)) {
    console.warn(`  LocalStack ${health.version} is running; this project was written against ${LOCALSTACK_VERSION}.`);
  }
}

function step(what: string) {
  console.log(`▸ ${what}`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(`node_modules/.bin/${command}`, args, { env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args[0]} exited with ${code}`))));
  });
}

program.parseAsync().catch((error: Error) => {
  console.error(`deploy:localstack: ${error.message}`);
  process.exitCode = 1;
});
