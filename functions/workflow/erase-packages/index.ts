import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../../shared/aws-clients.js';
import { readEnvironment } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { receivedMail } from '../../shared/received-mail.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { erasePackagesContract, type ErasePackagesEvent } from './contract.js';

/**
 * After an erasure: deletes the packages of the person's earlier access and portability
 * requests from the export bucket (every erased store would otherwise live on there, media
 * included, until the lifecycle rule) and revokes their download links, which read the
 * revocation from the earlier request; and deletes the mail the person sent to the privacy
 * address for this request and the earlier ones (raw messages and their attachments, which
 * may hold copies of documents), which the inbound-mail bucket would otherwise keep for
 * years. The records keep the message text, as the record of the request. Idempotent: a
 * package already revoked or mail already erased is skipped, and deleting a missing object
 * succeeds.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(erasePackagesContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);
  const mail = receivedMail({ table: config.REQUESTS_TABLE, bucket: config.INBOUND_MAIL_BUCKET, prefix: config.INBOUND_MAIL_PREFIX });

  return stepHandler('erase-packages', async (event: ErasePackagesEvent) => {
    const request = await repo.get(event.requestId);
    const erased: string[] = [];
    const mailErased: string[] = [];
    let mailObjects = 0;
    for (const earlierId of request.subject?.earlierRequestIds ?? []) {
      const earlier = await repo.get(earlierId);
      const objects = await mail.erase(earlier, request.requestId);
      if (objects > 0) mailErased.push(earlierId);
      mailObjects += objects;
      if (!earlier.package) continue;
      erased.push(earlierId);
      if (earlier.packageRevoked) continue;
      await s3Client().send(new DeleteObjectCommand({ Bucket: config.EXPORT_BUCKET, Key: earlier.package.key }));
      await repo.update(earlierId, { packageRevoked: { at: new Date().toISOString(), byRequestId: request.requestId } });
      await repo.auditOnce(earlierId, { type: 'package_revoked', actor: 'workflow', details: { byRequestId: request.requestId } });
    }
    await repo.update(request.requestId, { erasedPackages: erased });
    await repo.auditOnce(request.requestId, { type: 'earlier_packages_erased', actor: 'workflow', details: { requestIds: erased } });
    const objects = await mail.erase(request, request.requestId);
    if (objects > 0) mailErased.push(request.requestId);
    mailObjects += objects;
    if (mailErased.length > 0) {
      await repo.auditOnce(request.requestId, { type: 'received_mail_erased', actor: 'workflow', details: { requestIds: mailErased, objects: mailObjects } });
    }
  });
}

export const handler = lambdaEntry(createHandler);
