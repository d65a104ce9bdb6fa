import { readFileSync } from 'node:fs';

/**
 * What `npm run deploy:localstack` leaves behind for the tests and the CLI
 * (`DSR_TARGET=localstack`): no CDK here, so reading it stays cheap.
 */

/** The image `docker-compose.yml` runs: the last one that starts without an auth token. */
export const LOCALSTACK_VERSION = '4.14.0';

/** Services the stack uses; `docker-compose.yml` enables exactly these. */
export const LOCALSTACK_SERVICES = [
  'apigateway', 'cloudformation', 'cloudwatch', 'dynamodb', 'iam', 'kms', 'lambda', 'logs',
  's3', 'secretsmanager', 'ses', 'sns', 'ssm', 'stepfunctions', 'sts',
] as const;

export const LOCALSTACK_DEPLOYMENT_FILE = '.localstack/deployment.json';

export interface LocalStackDeployment {
  endpoint: string;
  region: string;
  /** The stack's outputs (ApiUrl, IntakeUrl, RequestsTableName, StoreLocations, ...). */
  outputs: Record<string, string>;
  webhookSecret: string;
  adminToken: string;
}

/** The deployment `npm run deploy:localstack` recorded, or an error that says to run it. */
export function readLocalStackDeployment(file = LOCALSTACK_DEPLOYMENT_FILE): LocalStackDeployment {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LocalStackDeployment;
  } catch {
    throw new Error(`No LocalStack deployment found (${file}): run docker compose up -d, then npm run deploy:localstack`);
  }
}

/** AWS SDK client settings for LocalStack (it accepts any credentials). */
export function localStackClientConfig(endpoint: string, region: string) {
  return {
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
}

/** Points the shared SDK clients of this process at LocalStack (read when first created). */
export function useLocalStackForSdkClients(endpoint: string, region: string): void {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
}

/** The deployed stores, from the `StoreLocations` output (table names by store id, media bucket). */
export function storeLocations(outputs: Record<string, string>): { tables: Record<string, string>; mediaBucket: string } {
  return JSON.parse(outputs.StoreLocations ?? '{"tables":{},"mediaBucket":""}');
}
