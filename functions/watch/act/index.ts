import { daysLeft, refusalDeadline } from '../../core/deadlines/index.js';
import { deadlineEscalation, deadlineReminder } from '../../core/render/index.js';
import { currentDeadlines, type DeadlinePair, type DsrRequestRecord } from '../../core/request/model.js';
import { isCurrentPoint, watchMailKind } from '../../core/watch/watch.js';
import { readEnvironment } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { logger } from '../../shared/logger.js';
import { countMetric } from '../../shared/metrics.js';
import { DSR_METRICS } from '../../shared/metrics-names.js';
import { sendOnce } from '../../shared/mailer.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { watchActContract, type WatchActEvent, type WatchActResult } from './contract.js';

/** Which deadline an escalation point stands for, and its date. */
const MISSED = {
  strict_deadline: (_all: DsrRequestRecord['deadlines'], due: DeadlinePair) => ({ missed: 'strict' as const, deadline: due.strict }),
  legal_deadline: (_all: DsrRequestRecord['deadlines'], due: DeadlinePair) => ({ missed: 'legal' as const, deadline: due.legal }),
  refusal_deadline: (all: DsrRequestRecord['deadlines']) => ({ missed: 'refusal' as const, deadline: refusalDeadline(all) }),
};

/**
 * Deadline watch: at a point it waited for, reminds the privacy team or escalates,
 * once per point, and only while the request is open and the point still applies.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(watchActContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);
  const settings = { reminderDaysBefore: config.REMINDER_DAYS_BEFORE };

  return stepHandler('watch-act', async (event: WatchActEvent): Promise<WatchActResult> => {
    const request = await repo.get(event.requestId);
    const { point } = event;
    if (!isCurrentPoint(request, point, settings)) {
      logger.info('watch point no longer applies', { kind: point.kind });
      return { after: point.at, acted: false };
    }
    const due = currentDeadlines(request);
    const common = { locale: 'en' as const, requestId: request.requestId, status: request.status, consoleUrl: `${config.CONSOLE_URL}/#/requests/${request.requestId}` };
    const email =
      point.kind === 'reminder'
        ? deadlineReminder({ ...common, daysLeft: daysLeft(due.strict, point.at), daysLeftTo: 'strict', strictDeadline: due.strict, legalDeadline: due.legal })
        : deadlineEscalation({ ...common, ...MISSED[point.kind](request.deadlines, due), legalDeadline: due.legal });
    const sent = await sendOnce(repo, { requestId: request.requestId, kind: watchMailKind(point), from: config.SENDER_EMAIL, to: config.PRIVACY_TEAM_EMAIL, email });
    if (sent && point.kind !== 'reminder') {
      countMetric(DSR_METRICS.deadlineEscalations, { deadline: point.kind });
      await repo.audit(request.requestId, { type: 'deadline_escalated', actor: 'deadline-watch', details: { kind: point.kind } });
    }
    return { after: point.at, acted: sent };
  });
}

export const handler = lambdaEntry(createHandler);
