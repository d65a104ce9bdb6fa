import { describe, expect, it } from 'vitest';
import { resolveSubject } from '../../../../functions/core/request/subject.js';

const now = '2026-03-02T10:00:00.000Z';
const request = { contactEmail: 'ada@example.com', types: ['access' as const] };
const account = { accountId: 'acc-1', email: 'Ada@Example.com' };

describe('resolving the subject of a request', () => {
  it('finds the account of the verified address whatever its case, plans its stores and holds what ages out', () => {
    const resolution = resolveSubject(request, account, [], now);
    expect(resolution.found).toBe(true);
    expect(resolution.plan.collect).toBe(true);
    expect(resolution.changes).toMatchObject({
      status: 'awaiting_review',
      subject: { found: true, accountId: 'acc-1', via: 'account', earlierRequestIds: [] },
    });
    expect(resolution.changes.reviewNote).toBeUndefined();
    expect(resolution.changes.heldAt).toBe(resolution.plan.hold ? now : undefined);
    expect(resolution.audit).toEqual({ found: true, method: 'verified_email', via: 'account', earlierRequests: 0, emailDiffers: false });
  });

  it('asks the review about a dashboard filing whose account has another address', () => {
    const resolution = resolveSubject({ ...request, accountId: 'acc-1' }, { accountId: 'acc-1', email: 'other@example.com' }, [], now);
    expect(resolution.changes.reviewNote).toBe('requester_email_differs_from_account');
    expect(resolution.audit).toMatchObject({ method: 'dashboard_account', emailDiffers: true });
  });

  it('finds an erased account through an earlier request, and answers from the records when there is none', () => {
    const earlier = [{ requestId: 'r-2' }, { requestId: 'r-1', subject: { found: true, accountId: 'acc-0' } }];
    expect(resolveSubject(request, undefined, earlier, now).changes.subject).toEqual({
      found: true,
      accountId: 'acc-0',
      via: 'earlier_request',
      earlierRequestIds: ['r-2', 'r-1'],
    });
    const recordsOnly = resolveSubject(request, undefined, [{ requestId: 'r-3' }], now);
    expect(recordsOnly.found).toBe(true);
    expect(recordsOnly.plan.collectStores).toEqual([]);
    expect(recordsOnly.changes.subject).toEqual({ found: true, earlierRequestIds: ['r-3'] });
  });

  it('replies no data when neither an account nor an earlier request exists', () => {
    const resolution = resolveSubject(request, undefined, [], now);
    expect(resolution.found).toBe(false);
    expect(resolution.changes).toMatchObject({ status: 'responding', subject: { found: false, earlierRequestIds: [] } });
    expect(resolution.changes.heldAt).toBeUndefined();
    expect(resolution.audit).toMatchObject({ found: false, via: null });
  });

  it('tells a minor at the account address, without asking the review about the difference', () => {
    const minor = { ...request, types: ['erasure' as const], filing: { filedBy: 'team', ground: 'minor' as const } };
    const resolution = resolveSubject(minor, { accountId: 'acc-9', email: 'Kid@Example.com' }, [], now);
    expect(resolution.changes.contactEmail).toBe('kid@example.com');
    expect(resolution.changes.reviewNote).toBeUndefined();
  });
});
