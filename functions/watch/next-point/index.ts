import { nextWatchPoint } from '../../core/watch/watch.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { reminderSettings } from '../settings.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { requireEnv } from '../../shared/env.js';

/** Deadline watch: loads the request's current dates and returns the next point to wait for. */
export function createHandler(env: Record<string, string>) {
  const repo = new DynamoRequestsRepo(requireEnv(env, 'REQUESTS_TABLE'));
  const settings = reminderSettings(env);
  return stepHandler('watch-next-point', async (event: { requestId: string; after: string | null }) => {
    const point = nextWatchPoint(await repo.get(event.requestId), event.after ?? null, settings);
    return point ? { done: false, point } : { done: true };
  });
}

export const handler = lambdaEntry(createHandler);
