import { resolveSubject } from '../../core/request/subject.js';
import { readEnvironment } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { AccountFinder } from './accounts.js';
import { resolveSubjectContract, type ResolveSubjectEvent, type ResolveSubjectResult } from './contract.js';

/**
 * Finds the Kiara account of the verified requester by email (case-insensitively, see
 * AccountFinder) and plans which stores the request touches. Returns flags only: the
 * account id stays in the request item, never in the execution's state.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(resolveSubjectContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);
  const accounts = new AccountFinder(config.ACCOUNT_TABLE);

  return stepHandler('resolve-subject', async (event: ResolveSubjectEvent): Promise<ResolveSubjectResult> => {
    const request = await repo.get(event.requestId);
    // A dashboard filing names its account (the session proved it); others are found by
    // their verified address.
    const account = request.accountId ? await accounts.byId(request.accountId) : await accounts.byEmail(request.contactEmail);
    const earlier = await repo.earlierRequestsOf(request);
    const { found, plan, changes, audit } = resolveSubject(request, account, earlier, new Date().toISOString());
    await repo.update(event.requestId, changes);
    await repo.auditOnce(event.requestId, { type: 'subject_resolved', actor: 'workflow', details: audit });
    return { found, plan };
  });
}

export const handler = lambdaEntry(createHandler);
