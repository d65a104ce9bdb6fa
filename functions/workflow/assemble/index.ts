import { localDate } from '../../core/deadlines/index.js';
import { namedStores, parseRecipientNames } from '../../core/inventory/index.js';
import { agedOutWindows } from '../../core/plan/aged-out.js';
import { packagedStores, reviewedPlan } from '../../core/plan/plan.js';
import { renderAccessSummary, type RequestRecordEntry } from '../../core/render/index.js';
import { carriedOutRights } from '../../core/request/decisions.js';
import type { DsrRequestRecord } from '../../core/request/model.js';
import { recordExpiresAt } from '../../core/retention/index.js';
import { assemblePackage } from '../../connectors/package.js';
import { deleteWorkFiles } from '../../connectors/work-files.js';
import { readStoreResults, type StoreResult } from '../../connectors/progress.js';
import { readEnvironment } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { assembleContract, type AssembleEvent } from './contract.js';

/**
 * Streams the access package: every collected store's data as JSON and CSV, the original
 * media, and the Art. 15(1) information generated from the inventory (README.html and
 * summary.json). Work files are removed once the package is complete.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(assembleContract, env);
  const { REQUESTS_TABLE: table, EXPORT_BUCKET: exportBucket, RECORD_RETENTION_YEARS: recordRetentionYears } = config;
  const repo = new DynamoRequestsRepo(table);
  // The processors as the deployment names them (Art. 15(1)(c)).
  const inventory = namedStores(parseRecipientNames(config.RECIPIENT_NAMES));

  return stepHandler('assemble', async (event: AssembleEvent) => {
    const request = await repo.get(event.requestId);
    const packaged = packagedStores(request);
    const stores = (await readStoreResults(table, event.requestId)).filter((store) => store.action === 'collect' && packaged.has(store.storeId));
    // A retry after the package was recorded (the Lambda died later) builds nothing again.
    const result = request.package ?? (await build(request, stores));
    // Recorded before the parts go, so that no retry ever looks for parts already deleted.
    if (!request.package) await repo.update(event.requestId, { package: result, status: 'responding' });
    await deleteWorkFiles(exportBucket, event.requestId);
    await repo.auditOnce(event.requestId, {
      type: 'package_assembled',
      actor: 'workflow',
      details: { bytes: result.bytes, files: result.files, stores: stores.map((s) => ({ storeId: s.storeId, items: s.items })) },
    });
  });

  async function build(request: DsrRequestRecord, stores: StoreResult[]) {
    const requestRecords = {
      recordRetentionYears,
      requests: await Promise.all(
        (request.subject?.earlierRequestIds ?? []).map(async (id) => recordEntry(await repo.get(id), recordRetentionYears)),
      ),
    };
    const summary = renderAccessSummary({
      locale: request.locale,
      requestId: request.requestId,
      types: carriedOutRights(request),
      inventory,
      generatedAt: new Date().toISOString(),
      stores: stores.map((store) => ({ storeId: store.storeId, itemCount: store.items })),
      requestRecords,
      agedOut: request.heldAt
        ? agedOutWindows(reviewedPlan(request).holdStores.map((store) => store.storeId), request.receivedAt, request.heldAt)
        : [],
    });
    return assemblePackage({
      exportBucket,
      requestId: request.requestId,
      stores,
      documents: [
        { path: 'README.html', content: summary.html },
        { path: 'summary.json', content: JSON.stringify(summary.json, null, 2) },
        ...(summary.json.requestRecords
          ? [{ path: 'data/request-records.json', content: JSON.stringify(summary.json.requestRecords, null, 2) }]
          : []),
      ],
    });
  }
}

/** An earlier request as the package lists it: what was asked, when, and how long its record is kept. */
function recordEntry(request: DsrRequestRecord, years: number): RequestRecordEntry {
  return {
    requestId: request.requestId,
    types: request.types,
    receivedAt: request.receivedAt,
    ...(request.closedAt
      ? {
          closedAt: request.closedAt,
          keptUntil: localDate(recordExpiresAt(request.closedAt, years)).toString(),
        }
      : {}),
  };
}

export const handler = lambdaEntry(createHandler);
