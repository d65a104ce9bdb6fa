import type { CognitoSettings } from './oauth.js';

/**
 * What the console learns from `config.json` beside it. The local runtime serves
 * `{ apiUrl: '', auth: 'dev-token' }` (plus the dev token to prefill when it is the dev
 * default); in AWS the deployment writes `{ apiUrl: '', auth: 'cognito', cognito }`.
 * An empty apiUrl means the admin API is on the console's own origin (CloudFront
 * forwards /admin/* to API Gateway).
 */
export type ConsoleConfig =
  | { apiUrl: string; auth: 'dev-token'; devToken?: string }
  | { apiUrl: string; auth: 'cognito'; cognito: CognitoSettings };

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const config = (await response.json()) as ConsoleConfig;
  if (config.auth !== 'dev-token' && config.auth !== 'cognito') throw new Error('config.json: unknown auth');
  return { ...config, apiUrl: (config.apiUrl ?? '').replace(/\/+$/, '') };
}
