import { nextWatchPoint } from '../../core/watch/watch.js';
import { readEnvironment } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { nextPointContract, type NextPointEvent, type NextPointResult } from './contract.js';

/** Deadline watch: loads the request's current dates and returns the next point to wait for. */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(nextPointContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);
  const settings = { reminderDaysBefore: config.REMINDER_DAYS_BEFORE };
  return stepHandler('watch-next-point', async (event: NextPointEvent): Promise<NextPointResult> => {
    const point = nextWatchPoint(await repo.get(event.requestId), event.after ?? null, settings);
    return point ? { done: false, point } : { done: true };
  });
}

export const handler = lambdaEntry(createHandler);
