/**
 * The admin API's answers, as functions/admin/views.ts builds them: imported, never
 * restated, so a field the API renames or drops fails this build. Type-only: nothing of
 * the server is bundled.
 */
import type { RequestDetail } from '../../functions/admin/views.js';

export type { QueuePage, RequestDetail as Detail, RequestSummary as Summary } from '../../functions/admin/views.js';
export type PendingStep = RequestDetail['pendingSteps'][number];
export type MailFacts = NonNullable<RequestDetail['mail']>;
export type ReceivedMessage = RequestDetail['messages'][number];
