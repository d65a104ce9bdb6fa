import { normalizeEmail } from '../../core/inventory/index.js';
import { planStores, recordsOnlyPlan, type StorePlan } from '../../core/plan/plan.js';
import { requireEnv } from '../../shared/env.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { workflowEnv } from '../../shared/workflow-env.js';
import { AccountFinder } from './accounts.js';

/**
 * Finds the Kiara account of the verified requester by email (case-insensitively, see
 * AccountFinder) and plans which stores the request touches. Returns flags only: the
 * account id stays in the request item, never in the execution's state.
 */
export function createHandler(env: Record<string, string>) {
  const { repo } = workflowEnv(env);
  const accounts = new AccountFinder(requireEnv(env, 'ACCOUNT_TABLE'));

  return stepHandler('resolve-subject', async (event: { requestId: string }): Promise<{ found: boolean; plan: StorePlan }> => {
    const request = await repo.get(event.requestId);
    // A dashboard filing names its account (the session proved it); others are found by
    // their verified address.
    const account = request.accountId ? await accounts.byId(request.accountId) : await accounts.byEmail(request.contactEmail);
    // Earlier requests of the address are data held too, and after an erasure their
    // account id still finds what the law made Kiara keep (invoices).
    const earlier = await repo.earlierRequestsOf(request);
    const accountId = account?.accountId ?? earlier.find((other) => other.subject?.accountId)?.subject?.accountId;
    // The records of earlier requests are data held even when no account ever existed.
    const found = accountId !== undefined || earlier.length > 0;
    // A minor's account is told at its own address; nobody else asked.
    const minor = request.filing?.ground === 'minor';
    const accountEmail = account ? normalizeEmail(account.email) : undefined;
    // Replying to another address than the account's is the privacy team's call (Review).
    const emailDiffers = accountEmail !== undefined && !minor && accountEmail !== request.contactEmail;
    // Without an account no store holds anything of the person; the records still answer.
    const plan = accountId ? planStores(request.types) : recordsOnlyPlan(request.types);
    await repo.update(event.requestId, {
      // The hold rounds start right after this step.
      ...(found && plan.hold ? { heldAt: new Date().toISOString() } : {}),
      subject: {
        found,
        ...(accountId ? { accountId, via: account ? ('account' as const) : ('earlier_request' as const) } : {}),
        earlierRequestIds: earlier.map((other) => other.requestId),
      },
      status: found ? 'awaiting_review' : 'responding',
      ...(emailDiffers ? { reviewNote: 'requester_email_differs_from_account' as const } : {}),
      ...(minor && accountEmail ? { contactEmail: accountEmail } : {}),
    });
    await repo.auditOnce(event.requestId, {
      type: 'subject_resolved',
      actor: 'workflow',
      details: {
        found,
        method: request.accountId ? (request.filing ? 'team_filed_account' : 'dashboard_account') : 'verified_email',
        via: found ? (account ? 'account' : 'earlier_request') : null,
        earlierRequests: earlier.length,
        emailDiffers,
      },
    });
    return { found, plan };
  });
}

export const handler = lambdaEntry(createHandler);
