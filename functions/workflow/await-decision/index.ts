import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { reviewNeeded, storeFailure, triageNeeded } from '../../core/render/index.js';
import { daysLeft } from '../../core/deadlines/index.js';
import { reviewedPlan } from '../../core/plan/plan.js';
import { requestKeys } from '../../core/request/keys.js';
import { currentDeadlines, type PendingStepName } from '../../core/request/model.js';
import { documentClient, sfnClient } from '../../shared/aws-clients.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { logger } from '../../shared/logger.js';
import { countMetric } from '../../shared/metrics.js';
import { DSR_METRICS } from '../../shared/metrics-names.js';
import { sendOnce } from '../../shared/mailer.js';
import { hashToken } from '../../shared/tokens.js';
import { workflowEnv, type WorkflowEnv } from '../../shared/workflow-env.js';

export interface AwaitDecisionEvent {
  requestId: string;
  taskToken: string;
  step: PendingStepName;
  storeId?: string;
  action?: 'collect' | 'erase';
  error?: string;
}

/** Tries of a store page before it waits for the privacy team: the first run and its retries. */
const STORE_ATTEMPTS = 4;

export function stepKeyOf(event: Pick<AwaitDecisionEvent, 'step' | 'storeId' | 'action'>): string {
  return event.step === 'store_failure' ? `store_failure#${event.storeId}#${event.action}` : event.step;
}

/**
 * Parks a workflow step until a person decides: stores the task token with the pending
 * step (the admin API and the identity link resume it) and tells the privacy team.
 * A decision that arrived before the token (the requester confirmed very quickly) is
 * found here and resumes the execution at once, so no decision is ever lost.
 */
export function createHandler(env: Record<string, string>) {
  const config = workflowEnv(env);
  const db = documentClient();

  async function attachToken(event: AwaitDecisionEvent, stepKey: string) {
    const now = new Date().toISOString();
    const fresh = event.step === 'store_failure';
    try {
      await db.send(
        new UpdateCommand({
          TableName: env.REQUESTS_TABLE,
          Key: { pk: requestKeys.pk(event.requestId), sk: requestKeys.step(stepKey) },
          UpdateExpression:
            'SET taskToken = :token, requestId = :id, step = :step, stepKey = :key, createdAt = if_not_exists(createdAt, :now), details = :details' +
            (fresh ? ', #status = :pending REMOVE decision, resolvedAt, resolvedBy' : ', #status = if_not_exists(#status, :pending)'),
          // A verify/review step that is already decided is not reopened; a store failure
          // is a new occurrence each time, so it always becomes pending again.
          ConditionExpression: fresh ? undefined : 'attribute_not_exists(#status) OR #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':token': event.taskToken,
            ':id': event.requestId,
            ':step': event.step,
            ':key': stepKey,
            ':now': now,
            ':pending': 'pending',
            ':details': { storeId: event.storeId, action: event.action, error: event.error },
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  return stepHandler('await-decision', async (event: AwaitDecisionEvent) => {
    const stepKey = stepKeyOf(event);
    if (!(await attachToken(event, stepKey))) {
      const decided = await config.repo.findStep(event.requestId, stepKey);
      logger.info('decision already made, resuming', { stepKey });
      // An approved review resumes with the stores of the rights it granted, as the admin API does.
      const plan = event.step === 'review' && decided?.decision === 'approved'
        ? { plan: reviewedPlan(await config.repo.get(event.requestId)) }
        : {};
      await sfnClient().send(
        new SendTaskSuccessCommand({ taskToken: event.taskToken, output: JSON.stringify({ ...plan, decision: decided?.decision }) }),
      );
      return;
    }
    const status = event.step === 'verify_identity' ? 'awaiting_identity'
      : event.step === 'triage' ? 'awaiting_triage'
      : event.step === 'review' ? 'awaiting_review' : 'awaiting_store_retry';
    const request = await config.repo.setStatus(event.requestId, status, { pendingStep: event.step });
    const pending = {
      type: 'step_pending',
      actor: 'workflow',
      details: { step: event.step, storeId: event.storeId, action: event.action, error: event.error },
    };
    // A store failure is a new occurrence each time; any other step is parked once.
    if (event.step === 'store_failure') await config.repo.audit(event.requestId, pending);
    else await config.repo.auditOnce(event.requestId, pending);
    if (event.step === 'store_failure') countMetric(DSR_METRICS.storeFailures);
    if (event.step !== 'verify_identity') await notifyPrivacyTeam(config, event, request);
  });
}

async function notifyPrivacyTeam(
  config: WorkflowEnv,
  event: AwaitDecisionEvent,
  request: Awaited<ReturnType<WorkflowEnv['repo']['get']>>,
) {
  if (!config.privacyTeamEmail) return;
  const consoleUrl = `${config.consoleUrl}/#/requests/${request.requestId}`;
  const legal = currentDeadlines(request).legal;
  const email =
    event.step === 'triage'
      ? triageNeeded({
          locale: 'en',
          requestId: request.requestId,
          daysLeft: daysLeft(legal, new Date()),
          legalDeadline: legal,
          consoleUrl,
          held: false,
        })
      : event.step === 'review'
      ? reviewNeeded({
          locale: 'en',
          requestId: request.requestId,
          types: request.types,
          daysLeft: daysLeft(legal, new Date()),
          legalDeadline: legal,
          consoleUrl,
          note: request.reviewNote,
        })
      : storeFailure({
          locale: 'en',
          requestId: request.requestId,
          storeId: event.storeId ?? '',
          errorName: event.error ?? 'unknown',
          attempts: STORE_ATTEMPTS,
          consoleUrl,
        });
  await sendOnce(config.repo, {
    requestId: request.requestId,
    // One notice per occurrence: a store failure is keyed by the task token it waits on.
    kind: event.step === 'triage' ? 'triage_needed' : event.step === 'review' ? 'review_needed' : `store_failure#${hashToken(event.taskToken).slice(0, 16)}`,
    from: config.senderEmail,
    to: config.privacyTeamEmail,
    email,
  });
}

export const handler = lambdaEntry(createHandler);
