import { readStoreResults } from '../connectors/progress.js';
import { issueDownloadLink, newLinkId, type DownloadLinkSettings } from '../shared/download-links.js';
import { sendOnce } from '../shared/mailer.js';
import { DynamoRequestsRepo } from '../shared/requests-repo.js';
import { startOnce } from '../shared/start-once.js';
import { noticeExecutionName, type NoticeSendPorts } from './notices.js';
import type { NoticeSender } from './ports.js';

/** Where notices are sent from and what their download links point at. */
export interface NoticeSettings extends DownloadLinkSettings {
  readonly senderEmail: string;
}

/** What sending a notice acts on in AWS: the requests table, SES, the download links. */
export function awsNoticeSendPorts(settings: NoticeSettings): NoticeSendPorts {
  const repo = new DynamoRequestsRepo(settings.table);
  return {
    repo,
    mailer: { sendOnce: (options) => sendOnce(repo, { ...options, from: settings.senderEmail }) },
    downloadLinks: { issue: (request, linkId) => issueDownloadLink(settings, request, linkId), newLinkId },
    storeResults: (requestId) => readStoreResults(settings.table, requestId),
  };
}

/** The "send notices" state machine: one execution per queued notice. */
export function stepFunctionsNoticeSender(stateMachineArn: string): NoticeSender {
  return {
    start: async (queued) => {
      await startOnce(stateMachineArn, queued.requestId, queued, noticeExecutionName(queued));
    },
  };
}
