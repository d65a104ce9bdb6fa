import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { reviewNeeded, stepFailure, storeFailure, triageNeeded } from '../../core/render/index.js';
import { daysLeft } from '../../core/deadlines/index.js';
import { reviewedPlan } from '../../core/plan/plan.js';
import { currentDeadlines, FAILURE_STEPS, isStepIn, type DsrRequestRecord } from '../../core/request/model.js';
import { stepKeyOf, WAITING_STATUS } from '../../core/request/waiting.js';
import { sfnClient } from '../../shared/aws-clients.js';
import { readEnvironment, type ConfigOf } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { logger } from '../../shared/logger.js';
import { countMetric } from '../../shared/metrics.js';
import { DSR_METRICS } from '../../shared/metrics-names.js';
import { sendOnce } from '../../shared/mailer.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { hashToken } from '../../shared/tokens.js';
import { awaitDecisionContract, type AwaitDecisionEvent, type AwaitDecisionResult } from './contract.js';

/** Tries of a store page before it waits for the privacy team: the first run and its retries. */
const STORE_ATTEMPTS = 4;

/**
 * Parks a workflow step until a person decides: stores the task token with the pending
 * step (the admin API and the identity link resume it) and tells the privacy team.
 * A decision that arrived before the token (the requester confirmed very quickly) is
 * found here and resumes the execution at once, so no decision is ever lost.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(awaitDecisionContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);

  return stepHandler('await-decision', async (event: AwaitDecisionEvent) => {
    const stepKey = stepKeyOf(event);
    // A failure is a new occurrence each time; any other step is parked once.
    const failure = isStepIn(FAILURE_STEPS, event.step);
    const details = failureDetails(event);
    const parked = await repo.parkStep(
      { requestId: event.requestId, step: event.step, stepKey, taskToken: event.taskToken, details },
      failure,
    );
    if (!parked) {
      const decided = await repo.findStep(event.requestId, stepKey);
      logger.info('decision already made, resuming', { stepKey });
      // An approved review resumes with the stores of the rights it granted, as the admin API does.
      const output: AwaitDecisionResult = {
        ...(event.step === 'review' && decided?.decision === 'approved' ? { plan: reviewedPlan(await repo.get(event.requestId)) } : {}),
        decision: decided?.decision as AwaitDecisionResult['decision'],
      };
      await sfnClient().send(new SendTaskSuccessCommand({ taskToken: event.taskToken, output: JSON.stringify(output) }));
      return;
    }
    const request = await repo.setStatus(event.requestId, WAITING_STATUS[event.step], { pendingStep: event.step });
    const pending = { type: 'step_pending', actor: 'workflow', details: { step: event.step, ...details } };
    if (failure) await repo.audit(event.requestId, pending);
    else await repo.auditOnce(event.requestId, pending);
    if (event.step === 'store_failure') countMetric(DSR_METRICS.storeFailures);
    if (event.step === 'step_failure') countMetric(DSR_METRICS.stepFailures);
    if (event.step !== 'verify_identity') await notifyPrivacyTeam(config, repo, event, request);
  });
}

/** What a failure records (codes and names, never a message: it may quote an address). */
function failureDetails(event: AwaitDecisionEvent): Record<string, string | undefined> {
  if (event.step === 'step_failure') return { failedStep: event.failedStep, error: event.error };
  return { storeId: event.storeId, action: event.action, error: event.error };
}

async function notifyPrivacyTeam(
  config: ConfigOf<typeof awaitDecisionContract>,
  repo: DynamoRequestsRepo,
  event: AwaitDecisionEvent,
  request: DsrRequestRecord,
) {
  if (!config.PRIVACY_TEAM_EMAIL) return;
  const consoleUrl = `${config.CONSOLE_URL}/#/requests/${request.requestId}`;
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
      : event.step === 'step_failure'
      ? stepFailure({ locale: 'en', requestId: request.requestId, failedStep: event.failedStep ?? '', errorName: event.error ?? 'unknown', consoleUrl })
      : storeFailure({
          locale: 'en',
          requestId: request.requestId,
          storeId: event.storeId ?? '',
          errorName: event.error ?? 'unknown',
          attempts: STORE_ATTEMPTS,
          consoleUrl,
        });
  await sendOnce(repo, {
    requestId: request.requestId,
    // One notice per occurrence: a failure is keyed by the task token it waits on.
    kind:
      event.step === 'triage' ? 'triage_needed'
      : event.step === 'review' ? 'review_needed'
      : `${event.step === 'step_failure' ? 'step_failure' : 'store_failure'}#${hashToken(event.taskToken).slice(0, 16)}`,
    from: config.SENDER_EMAIL,
    to: config.PRIVACY_TEAM_EMAIL,
    email,
  });
}

export const handler = lambdaEntry(createHandler);
