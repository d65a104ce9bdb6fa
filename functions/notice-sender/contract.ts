import type { QueuedNotice } from '../admin/notices.js';
import { defineFunction, variable } from '../shared/contract.js';
import { workflowSettings } from '../workflow/contract.js';

/**
 * The "send notices" state machine's function (lib/constructs/notice-sender.ts): sends a
 * queued notice to the requester, and tells the privacy team when its retries are spent.
 */
export const noticeSenderContract = defineFunction({
  entry: 'notice-sender',
  environment: workflowSettings
    .pick({ REQUESTS_TABLE: true, SENDER_EMAIL: true, CONSOLE_URL: true, PUBLIC_API_URL: true, DOWNLOAD_LINK_HOURS: true, PACKAGE_EXPIRY_DAYS: true })
    // It exists to tell the team what could not be sent: it needs the address.
    .extend({ PRIVACY_TEAM_EMAIL: variable.text() }),
});

/** Send the notice; after the retries, `unsent` with the error's name: tell the team. */
export type NoticeSenderEvent = QueuedNotice & { readonly unsent?: { readonly error: string } };

/** What became of it: sent now, or not (no longer queued as it was; or reported to the team). */
export interface NoticeSenderResult {
  readonly sent: boolean;
}
