import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { StaleCorrectionError, writeCorrections } from '../connectors/rectify.js';
import { STORES } from '../core/inventory/index.js';
import { liftExecutionName } from '../core/restriction/lift.js';
import { attachmentKey, downloadDisposition } from '../core/mail/attachments.js';
import { s3Client } from '../shared/aws-clients.js';
import type { ConfigOf } from '../shared/contract.js';
import { DynamoMessagesRepo } from '../shared/messages-repo.js';
import { startOnce } from '../shared/start-once.js';
import { stepFunctionsCallbacks } from '../shared/step-functions-callbacks.js';
import type { RestrictionLiftStart } from '../restriction-lift/contract.js';
import type { adminContract } from './contract.js';
import { awsNoticeSendPorts, stepFunctionsNoticeSender } from './notice-adapters.js';
import type { AdminPorts } from './ports.js';

/** Seconds a presigned attachment link stays valid: long enough to start the download. */
const ATTACHMENT_LINK_SECONDS = 300;

/** The admin's ports on AWS: the requests table, Step Functions, SES, the inbound-mail bucket. */
export function awsPorts(config: ConfigOf<typeof adminContract>): AdminPorts {
  const table = config.REQUESTS_TABLE;
  const notices = awsNoticeSendPorts({
    table,
    senderEmail: config.SENDER_EMAIL,
    publicApiUrl: config.PUBLIC_API_URL,
    downloadLinkHours: config.DOWNLOAD_LINK_HOURS,
    packageExpiryDays: config.PACKAGE_EXPIRY_DAYS,
  });
  return {
    ...notices,
    messages: new DynamoMessagesRepo(table),
    callbacks: stepFunctionsCallbacks,
    startWorkflow: (requestId) => startOnce(config.STATE_MACHINE_ARN, requestId),
    noticeSender: stepFunctionsNoticeSender(config.NOTICE_SENDER_ARN),
    attachmentLinks: {
      async link(mailId, attachment) {
        const { INBOUND_MAIL_BUCKET: bucket, INBOUND_MAIL_PREFIX: prefix } = config;
        if (!bucket || prefix === undefined) return undefined;
        const expiresAt = new Date(Date.now() + ATTACHMENT_LINK_SECONDS * 1000).toISOString();
        // S3 answers with these headers whatever the object's own: a download, never inline.
        const get = new GetObjectCommand({
          Bucket: bucket,
          Key: attachmentKey(prefix, mailId, attachment.part),
          ResponseContentDisposition: downloadDisposition(attachment.name, attachment.part),
          ResponseContentType: attachment.contentType,
        });
        return { url: await getSignedUrl(s3Client(), get, { expiresIn: ATTACHMENT_LINK_SECONDS }), expiresAt };
      },
    },
    restrictionLift: {
      start: async (requestId, lift) => {
        const input: RestrictionLiftStart = { requestId, cursor: lift.from };
        await startOnce(config.RESTRICTION_LIFT_ARN, requestId, input, liftExecutionName(requestId, lift.run));
      },
    },
    correct: async (storeId, accountId, corrections) => {
      const store = STORES.find((candidate) => candidate.id === storeId);
      const storeTable = config.CORRECTION_TABLES[storeId];
      if (!store || !storeTable) throw new Error(`No table for corrections in store "${storeId}"`);
      try {
        return await writeCorrections(store, storeTable, accountId, corrections);
      } catch (error) {
        if (error instanceof StaleCorrectionError) return 'stale';
        throw error;
      }
    },
  };
}
