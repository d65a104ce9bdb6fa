import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_REMINDER_DAYS_BEFORE } from '../../functions/core/deadlines/index.js';
import { requestKeys } from '../../functions/core/request/keys.js';
import { OPEN_STATUSES } from '../../functions/core/request/model.js';
import { watchStart } from '../../functions/core/watch/watch.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { DynamoRequestsRepo } from '../../functions/shared/requests-repo.js';
import { WATCH_WAIT_STATE } from '../../lib/constructs/deadline-watch.js';
import { startEmbedded, type DsrTarget } from './target.js';

/** Where the deadline watch's escalations and reminders go on the local runtime. */
export const PRIVACY_TEAM = 'privacy-team@kiara-api.com';

/** The embedded runtime with the watch's timers run at once: each Wait ends as if its day had come. */
export const startWatchTarget = () => startEmbedded({ waitTimeOverrides: { [WATCH_WAIT_STATE]: 0 } });

/** The request's first month has passed: the clock cannot be moved, so its one-month dates are. */
export async function firstMonthPassed(target: DsrTarget, requestId: string) {
  await documentClient().send(
    new UpdateCommand({
      TableName: target.local!.resources.requestsTable,
      Key: { pk: requestKeys.pk(requestId), sk: requestKeys.meta },
      UpdateExpression: 'SET deadlines.initial = :past',
      ExpressionAttributeValues: { ':past': { strict: '2026-01-02', legal: '2026-01-05' } },
    }),
  );
}

/**
 * Starts one more watch over the request, named `name`, as its starters do: in its Wait for
 * the request's first point. Of a closed request, the point it had while open: a watch
 * started before it closed.
 */
export async function startAnotherWatch(target: DsrTarget, requestId: string, name: string) {
  const request = await new DynamoRequestsRepo(target.local!.resources.requestsTable).get(requestId);
  const input = watchStart({ ...request, status: OPEN_STATUSES[0] }, { reminderDaysBefore: [...DEFAULT_REMINDER_DAYS_BEFORE] });
  target.local!.runtime.stepFunctions.startExecution({ stateMachineArn: target.local!.resources.watchArn, name, input: JSON.stringify(input) });
}
