import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../../shared/aws-clients.js';
import { readEnvironment } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { erasePackagesContract, type ErasePackagesEvent } from './contract.js';

/**
 * After an erasure: deletes the packages of the person's earlier access and portability
 * requests from the export bucket (every erased store would otherwise live on there, media
 * included, until the lifecycle rule) and revokes their download links, which read the
 * revocation from the earlier request. Idempotent: a package already revoked is skipped,
 * and deleting a missing object succeeds.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(erasePackagesContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);

  return stepHandler('erase-packages', async (event: ErasePackagesEvent) => {
    const request = await repo.get(event.requestId);
    const erased: string[] = [];
    for (const earlierId of request.subject?.earlierRequestIds ?? []) {
      const earlier = await repo.get(earlierId);
      if (!earlier.package) continue;
      erased.push(earlierId);
      if (earlier.packageRevoked) continue;
      await s3Client().send(new DeleteObjectCommand({ Bucket: config.EXPORT_BUCKET, Key: earlier.package.key }));
      await repo.update(earlierId, { packageRevoked: { at: new Date().toISOString(), byRequestId: request.requestId } });
      await repo.auditOnce(earlierId, { type: 'package_revoked', actor: 'workflow', details: { byRequestId: request.requestId } });
    }
    await repo.update(request.requestId, { erasedPackages: erased });
    await repo.auditOnce(request.requestId, { type: 'earlier_packages_erased', actor: 'workflow', details: { requestIds: erased } });
  });
}

export const handler = lambdaEntry(createHandler);
