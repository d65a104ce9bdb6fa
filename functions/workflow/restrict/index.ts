import * as z from 'zod';
import { readStoreResults } from '../../connectors/progress.js';
import { storeById } from '../../core/inventory/index.js';
import { ages } from '../../core/plan/plan.js';
import type { HeldStore } from '../../core/request/model.js';
import { readEnvironment } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { RestrictionMarks } from '../../shared/restriction-marks.js';
import { restrictContract, type RestrictEvent, type RestrictResult } from './contract.js';

/**
 * Where the step stands between invocations: when the restriction took effect (the mark's
 * `since`), the media tagged so far and the last key tagged below the account prefix, then,
 * once every object is tagged, the hold's files copied so far and the last one copied below
 * the request's work prefix (no account id, no personal data: it travels in the workflow's state).
 */
const progress = z.object({
  since: z.string(),
  tagged: z.number().int().min(0),
  after: z.string().optional(),
  hold: z.object({ copied: z.number().int().min(0), after: z.string().optional() }).optional(),
});
type Progress = z.infer<typeof progress>;
const encode = (value: Progress) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (cursor: string): Progress => progress.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));

/**
 * After an approved restriction: marks the account and its media where Kiara's services
 * read it and keeps the hold (what ages out) until the team lifts the restriction. Runs
 * before the collect rounds, so an access request in the same request still finds its hold.
 * The work goes a page an invocation (the workflow loops on the cursor), so an account with
 * any number of files finishes within Lambda's limits: the first invocation marks the
 * account; each tags a page of media and, once all are tagged, copies a page of the hold;
 * the last records the restriction. A small account needs one invocation.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(restrictContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);
  const marks = new RestrictionMarks({
    accountTable: config.ACCOUNT_TABLE,
    mediaBucket: config.MEDIA_BUCKET,
    exportBucket: config.EXPORT_BUCKET,
  });
  const more = (at: Progress): RestrictResult => ({ cursor: encode(at), done: false });

  return stepHandler('restrict', async (event: RestrictEvent): Promise<RestrictResult> => {
    const { requestId } = event;
    const request = await repo.get(requestId);
    // A retried step whose record was written has nothing left to do.
    if (request.restriction) return { cursor: '', done: true };
    const accountId = request.subject?.accountId;
    if (!accountId) throw new Error(`Request ${requestId}: a restriction needs the subject's account`);
    const at = event.cursor ? decode(event.cursor) : { since: new Date().toISOString(), tagged: 0 };
    if (!event.cursor) await marks.markAccount(accountId, { requestId, since: at.since });
    const { since } = at;
    let { tagged, hold } = at;
    if (!hold) {
      const page = await marks.tagMediaPage(accountId, requestId, config.MEDIA_PAGE_SIZE, at.after);
      tagged += page.done;
      if (page.after !== undefined) return more({ since, tagged, after: page.after });
      hold = { copied: 0 };
    }
    const page = await marks.keepHoldPage(requestId, config.MEDIA_PAGE_SIZE, hold.after);
    const heldFiles = hold.copied + page.done;
    if (page.after !== undefined) return more({ since, tagged, hold: { copied: heldFiles, after: page.after } });

    const heldStores: HeldStore[] = (await readStoreResults(config.REQUESTS_TABLE, requestId))
      .filter((result) => result.action === 'collect' && result.items > 0 && ages(storeById(result.storeId)))
      .map(({ storeId, items }) => ({ storeId, items }));
    await repo.update(requestId, { restriction: { status: 'active', accountId, since, heldFiles, heldStores, taggedFiles: tagged } });
    await repo.audit(requestId, { type: 'restriction_applied', actor: 'workflow', details: { heldFiles, taggedFiles: tagged } });
    return { cursor: '', done: true };
  });
}

export const handler = lambdaEntry(createHandler);
