import { decodeLiftCursor, encodeLiftCursor, failLift, finishLift, type LiftPosition } from '../core/restriction/lift.js';
import type { Restriction } from '../core/request/model.js';
import { readEnvironment } from '../shared/contract.js';
import { stepHandler } from '../shared/http/handler.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { DynamoRequestsRepo } from '../shared/requests-repo.js';
import { RestrictionMarks } from '../shared/restriction-marks.js';
import { restrictionLiftContract, type RestrictionLiftEvent, type RestrictionLiftResult } from './contract.js';

const DONE: RestrictionLiftResult = { cursor: '', done: true };

/**
 * Releases a restriction the team lifted (the person was told first, Art. 18(3)), one
 * bounded piece an invocation, so an account with any number of files is released within
 * Lambda's limits: a page of media untagged, then the account's items unmarked, then a
 * page of the held copy deleted at a time; the last records the restriction lifted and
 * audits it. Every piece is idempotent: a retried invocation does its piece again.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(restrictionLiftContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);
  const marks = new RestrictionMarks({ accountTable: config.ACCOUNT_TABLE, mediaBucket: config.MEDIA_BUCKET, exportBucket: config.EXPORT_BUCKET });

  /** Does the piece at `at`; returns the next position, or undefined when the held copy is gone. */
  async function release(requestId: string, restriction: Restriction, at: LiftPosition): Promise<LiftPosition | undefined> {
    switch (at.step) {
      case 'media': {
        const page = await marks.untagMediaPage(restriction.accountId, config.MEDIA_PAGE_SIZE, at.after);
        return page.after === undefined ? { step: 'account' } : { step: 'media', after: page.after };
      }
      case 'account':
        await marks.markAccount(restriction.accountId);
        return { step: 'hold' };
      case 'hold':
        return (await marks.deleteHeldPage(requestId)) ? at : undefined;
    }
  }

  return stepHandler('restriction-lift', async (event: RestrictionLiftEvent): Promise<RestrictionLiftResult> => {
    const { requestId } = event;
    const { restriction } = await repo.get(requestId);
    // A retried last invocation whose record was written has nothing left to do.
    if (restriction?.status === 'lifted') return DONE;
    if (restriction?.status !== 'lifting' || !restriction.lift) throw new Error(`Request ${requestId}: no lift of a restriction on record`);
    if (event.failed) {
      // Its retries are spent: the team sees where it stopped, and a repeated lift resumes there.
      const failed = failLift(restriction, { at: new Date().toISOString(), error: event.failed.error, cursor: event.cursor });
      await repo.update(requestId, { restriction: failed });
      await repo.audit(requestId, { type: 'restriction_lift_failed', actor: 'workflow', details: { error: event.failed.error, run: restriction.lift.run } });
      return { cursor: event.cursor, done: false };
    }
    const next = await release(requestId, restriction, decodeLiftCursor(event.cursor));
    if (next) return { cursor: encodeLiftCursor(next), done: false };

    // Audited before the record: a retry after a crash in between finds the event and writes it once.
    const { by, reason } = restriction.lift;
    await repo.auditOnce(requestId, {
      type: 'restriction_lifted',
      actor: by,
      details: { reason, heldFiles: restriction.heldFiles, taggedFiles: restriction.taggedFiles },
    });
    await repo.update(requestId, { restriction: finishLift(restriction, new Date().toISOString()) });
    return DONE;
  });
}

export const handler = lambdaEntry(createHandler);
