/**
 * Pure rendering of everything the DSR workflow shows people: emails to the data subject
 * and to the privacy team, the access package's README.html/summary.json, and the
 * identity and download pages. English and Dutch; no I/O, no AWS.
 */
export type {
  IsoDate,
  IsoInstant,
  Locale,
  Localized,
  NoSubjectIdentity,
  RenderedEmail,
  StoreCount,
  SubjectEmailBase,
  TeamEmailBase,
} from './types.js';
export { RenderInputError } from './errors.js';
export { escapeHtml, html, SafeHtml } from './escape.js';
export { DISPLAY_TIME_ZONE, formatDate, formatInstantDate, formatInstantDateTime } from './dates.js';
export { formatCount, formatDaysLeft } from './numbers.js';
export { CONTROLLER, SUPERVISORY_AUTHORITY, law } from './legal.js';
export { rightArticle, rightLabels, rightName, rightsPhrase } from './rights.js';
export { statusLabel } from './status.js';
export { accessPackageFiles, type Inventory } from './stores.js';
export { redactEmailAddresses } from './layout.js';

// Emails to the data subject.
export { acknowledgement, type AcknowledgementInput } from './emails/acknowledgement.js';
export { identityExpired, type IdentityExpiredInput } from './emails/identity-expired.js';
export { cancellationConfirmation, type CancellationInput } from './emails/cancellation.js';
export { noData, type NoDataInput } from './emails/no-data.js';
export { accessReady, type AccessReadyInput } from './emails/access-ready.js';
export { erasureReport, keptOnDecision, type ErasureReportInput, type KeptData, type KeptOnDecision } from './emails/erasure-report.js';
export { BACKUP_RESTORABLE_DAYS, type ErasureRemains } from './emails/erasure-remains.js';
export { rejection, type RejectionInput } from './emails/rejection.js';
export { decisionBlocks, groundText, type ReviewedRights } from './decisions.js';
export { extensionNotice, type ExtensionNoticeInput } from './emails/extension-notice.js';
export { rightsOutcome, type RightsOutcomeInput } from './emails/rights-outcome.js';
export { dismissalReply, type DismissalReplyInput } from './emails/dismissal-reply.js';
export { minorErasureNotice, type MinorErasureNoticeInput } from './emails/minor-erasure-notice.js';

// Emails to recipients (Art. 19).
export { erasureNotice, type ErasureNoticeInput } from './emails/erasure-notice.js';
export { restrictionLifted, type RestrictionLiftedInput } from './emails/restriction-lifted.js';
export { restrictionNotice, type RestrictionNoticeInput } from './emails/restriction-notice.js';
export { rectificationNotice, type RectificationNoticeInput } from './emails/rectification-notice.js';

// Emails to the privacy team.
export { reviewNeeded, type ReviewNeededInput } from './team/review-needed.js';
export { storeFailure, type StoreFailureInput } from './team/store-failure.js';
export { noticeFailure, type NoticeFailureInput } from './team/notice-failure.js';
export { stepFailure, type StepFailureInput } from './team/step-failure.js';
export { triageNeeded, type TriageNeededInput } from './team/triage-needed.js';
export { deadlineReminder, type DeadlineReminderInput } from './team/deadline-reminder.js';
export { deadlineEscalation, type DeadlineEscalationInput } from './team/deadline-escalation.js';

// The access package.
export { renderAccessSummary, type AccessSummaryInput, type AccessSummaryJson } from './access-summary/index.js';
export type { RequestRecordEntry, RequestRecordsSection } from './access-summary/request-records.js';

// Pages.
export { verifyPage, type VerifyPageInput } from './pages/verify.js';
export { verifyResultPage, VERIFY_OUTCOMES, type VerifyOutcome, type VerifyResultPageInput } from './pages/verify-result.js';
export { downloadExpiredPage } from './pages/download-expired.js';
export { downloadRevokedPage } from './pages/download-revoked.js';
