import { normalizeEmail } from '../inventory/index.js';
import { planStores, recordsOnlyPlan, type StorePlan } from '../plan/plan.js';
import type { DsrRequestRecord } from './model.js';

/** A Kiara account as finding the subject needs it. */
export interface AccountMatch {
  accountId: string;
  email: string;
}

/** What ResolveSubject concluded: the workflow's flags, the request's changes and the audit event's details. */
export interface SubjectResolution {
  found: boolean;
  plan: StorePlan;
  changes: Partial<DsrRequestRecord>;
  audit: Record<string, unknown>;
}

/**
 * Whom the request is about, from the account found (by id or verified address) and the
 * earlier requests of the address (newest first). `now` starts the hold, if any.
 */
export function resolveSubject(
  request: Pick<DsrRequestRecord, 'accountId' | 'contactEmail' | 'filing' | 'types'>,
  account: AccountMatch | undefined,
  earlier: ReadonlyArray<Pick<DsrRequestRecord, 'requestId' | 'subject'>>,
  now: string,
): SubjectResolution {
  // Earlier requests of the address are data held too, and after an erasure their
  // account id still finds what the law made Kiara keep (invoices).
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
  const changes: Partial<DsrRequestRecord> = {
    // The hold rounds start right after this step.
    ...(found && plan.hold ? { heldAt: now } : {}),
    subject: {
      found,
      ...(accountId ? { accountId, via: account ? ('account' as const) : ('earlier_request' as const) } : {}),
      earlierRequestIds: earlier.map((other) => other.requestId),
    },
    status: found ? 'awaiting_review' : 'responding',
    ...(emailDiffers ? { reviewNote: 'requester_email_differs_from_account' as const } : {}),
    ...(minor && accountEmail ? { contactEmail: accountEmail } : {}),
  };
  const audit = {
    found,
    method: request.accountId ? (request.filing ? 'team_filed_account' : 'dashboard_account') : 'verified_email',
    via: found ? (account ? 'account' : 'earlier_request') : null,
    earlierRequests: earlier.length,
    emailDiffers,
  };
  return { found, plan, changes, audit };
}
