import type { MailPlan } from '../core/mail/inbound.js';
import { isOpen, type DsrRequestRecord } from '../core/request/model.js';
import type { RequestsRepo } from '../shared/ports/requests-repo.js';

/**
 * The open request a received mail answers: the one an email we sent went out for, as its
 * In-Reply-To or References names it (a reply whose subject lost its `[dsr_…]` tag still
 * joins), else the one its subject tag names. After closure a mail is a new request.
 */
export async function answeredRequest(
  repo: Pick<RequestsRepo, 'find' | 'requestOfSentMail'>,
  plan: Pick<MailPlan, 'answers' | 'answersMail'>,
): Promise<DsrRequestRecord | undefined> {
  const named = [await repo.requestOfSentMail(plan.answersMail), plan.answers];
  for (const requestId of new Set(named)) {
    const request = requestId === undefined ? undefined : await repo.find(requestId);
    if (request && isOpen(request.status)) return request;
  }
  return undefined;
}
