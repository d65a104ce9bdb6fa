import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { mailObjectKeys } from '../core/mail/attachments.js';
import type { DsrRequestRecord } from '../core/request/model.js';
import { s3Client } from './aws-clients.js';
import { DynamoMessagesRepo } from './messages-repo.js';
import { DynamoRequestsRepo } from './requests-repo.js';

/**
 * The mail a person sent to the privacy address for a request, in the inbound-mail bucket:
 * the raw messages of the request and of its replies, and their stored attachments. Where
 * no mailbox is deployed (no bucket), there is none.
 */
export function receivedMail(config: { table: string; bucket?: string; prefix?: string }) {
  const repo = new DynamoRequestsRepo(config.table);
  const messages = new DynamoMessagesRepo(config.table);
  return {
    /**
     * Deletes it and marks the record `receivedMailErased`; the number of objects. Mail an
     * earlier erasure deleted is skipped; a retry of this one deletes again (a missing
     * object is no error), so the caller's counts stay whole. The record keeps the text.
     */
    async erase(record: DsrRequestRecord, byRequestId: string): Promise<number> {
      const { bucket, prefix } = config;
      const erasedBefore = record.receivedMailErased;
      if (!bucket || prefix === undefined || (erasedBefore && erasedBefore.byRequestId !== byRequestId)) return 0;
      const mails = [...(record.mail ? [record.mail] : []), ...(await messages.list(record.requestId))];
      const keys = mails.flatMap((mail) => mailObjectKeys(prefix, mail));
      for (const key of keys) await s3Client().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      if (keys.length > 0 && !erasedBefore) await repo.update(record.requestId, { receivedMailErased: { at: new Date().toISOString(), byRequestId } });
      return keys.length;
    },
  };
}
