import { readStoreResults } from '../../connectors/progress.js';
import { storeById } from '../../core/inventory/index.js';
import { ages } from '../../core/plan/plan.js';
import type { HeldStore } from '../../core/request/model.js';
import { readEnvironment } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { RestrictionMarks } from '../../shared/restriction-marks.js';
import { restrictContract, type RestrictEvent } from './contract.js';

/**
 * After an approved restriction: marks the account and its media where Kiara's services
 * read it and keeps the hold (what ages out) until the team lifts the restriction. Runs
 * before the collect rounds, so an access request in the same request still finds its hold.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(restrictContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);
  const marks = new RestrictionMarks({
    accountTable: config.ACCOUNT_TABLE,
    mediaBucket: config.MEDIA_BUCKET,
    exportBucket: config.EXPORT_BUCKET,
  });

  return stepHandler('restrict', async (event: RestrictEvent) => {
    const request = await repo.get(event.requestId);
    // A retried step whose record was written has nothing left to do.
    if (request.restriction) return;
    const accountId = request.subject?.accountId;
    if (!accountId) throw new Error(`Request ${request.requestId}: a restriction needs the subject's account`);
    const since = new Date().toISOString();
    // Read before the copy: the hold's results are all the collect results there are until the rounds after this step.
    const heldStores: HeldStore[] = (await readStoreResults(config.REQUESTS_TABLE, request.requestId))
      .filter((result) => result.action === 'collect' && result.items > 0 && ages(storeById(result.storeId)))
      .map(({ storeId, items }) => ({ storeId, items }));
    const { taggedFiles, heldFiles } = await marks.apply(accountId, { requestId: request.requestId, since });
    await repo.update(request.requestId, { restriction: { status: 'active', accountId, since, heldFiles, heldStores, taggedFiles } });
    await repo.audit(request.requestId, { type: 'restriction_applied', actor: 'workflow', details: { heldFiles, taggedFiles } });
  });
}

export const handler = lambdaEntry(createHandler);
