/**
 * The admin API's answers, as functions/admin/api-types.ts declares them: imported, never
 * restated, so a field the API renames or drops fails this build. Type-only: nothing of
 * the server is bundled.
 */
import type { RequestDetail } from '../../functions/admin/api-types.js';

export type { AttachmentLink, MailFacts, QueuePage, ReceivedMessage, RequestDetail as Detail, RestrictionView, RestrictionsPage, Summary } from '../../functions/admin/api-types.js';
export type PendingStep = RequestDetail['pendingSteps'][number];
