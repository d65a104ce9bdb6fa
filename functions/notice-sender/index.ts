import { reportUnsentNotice, sendNotice } from '../admin/notices.js';
import { awsNoticeSendPorts } from '../admin/notice-adapters.js';
import { noticeFailure } from '../core/render/index.js';
import { readEnvironment } from '../shared/contract.js';
import { stepHandler } from '../shared/http/handler.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { noticeSenderContract, type NoticeSenderEvent, type NoticeSenderResult } from './contract.js';

/**
 * Sends one queued notice (a failure is thrown, for the state machine's retries), or,
 * once they are spent, tells the privacy team while it is still unsent.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(noticeSenderContract, env);
  const ports = awsNoticeSendPorts({
    table: config.REQUESTS_TABLE,
    senderEmail: config.SENDER_EMAIL,
    publicApiUrl: config.PUBLIC_API_URL,
    downloadLinkHours: config.DOWNLOAD_LINK_HOURS,
    packageExpiryDays: config.PACKAGE_EXPIRY_DAYS,
  });

  return stepHandler('notice-sender', async (event: NoticeSenderEvent): Promise<NoticeSenderResult> => {
    const queued = { requestId: event.requestId, notice: event.notice, queuedAt: event.queuedAt };
    if (!event.unsent) return { sent: (await sendNotice(ports, queued)) === 'sent' };
    const email = noticeFailure({
      locale: 'en',
      requestId: queued.requestId,
      consoleUrl: `${config.CONSOLE_URL}/#/requests/${queued.requestId}`,
      notice: queued.notice,
      errorName: event.unsent.error,
    });
    await reportUnsentNotice(ports, queued, { to: config.PRIVACY_TEAM_EMAIL, email }, event.unsent.error);
    return { sent: false };
  });
}

export const handler = lambdaEntry(createHandler);
