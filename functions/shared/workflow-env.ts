import { DEFAULT_RECORD_RETENTION_YEARS } from '../core/retention/index.js';
import { requireEnv } from './env.js';
import { DynamoRequestsRepo } from './requests-repo.js';

/** What every workflow step reads from its environment. */
export function workflowEnv(env: Record<string, string>) {
  const table = requireEnv(env, 'REQUESTS_TABLE');
  return {
    table,
    repo: new DynamoRequestsRepo(table),
    senderEmail: requireEnv(env, 'SENDER_EMAIL'),
    privacyTeamEmail: env.PRIVACY_TEAM_EMAIL ?? '',
    publicApiUrl: requireEnv(env, 'PUBLIC_API_URL').replace(/\/$/, ''),
    consoleUrl: (env.CONSOLE_URL ?? '').replace(/\/$/, ''),
    identityLinkDays: Number(env.IDENTITY_LINK_DAYS ?? 7),
    downloadLinkHours: Number(env.DOWNLOAD_LINK_HOURS ?? 168),
    packageExpiryDays: Number(env.PACKAGE_EXPIRY_DAYS ?? 30),
    recordRetentionYears: Number(env.RECORD_RETENTION_YEARS ?? DEFAULT_RECORD_RETENTION_YEARS),
  };
}
export type WorkflowEnv = ReturnType<typeof workflowEnv>;
