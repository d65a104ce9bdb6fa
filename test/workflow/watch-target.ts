import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { requestKeys } from '../../functions/core/request/keys.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
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
