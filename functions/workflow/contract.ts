import * as z from 'zod';
import { variable } from '../shared/contract.js';

/**
 * The settings the workflow's steps and the deadline watch share, each declared once.
 * A function's contract picks the names it reads (and only those); the constructs write
 * them with `sharedEnvironment` (lib/constructs/step-environment.ts).
 */
export const workflowSettings = z.object({
  REQUESTS_TABLE: variable.text(),
  /** Verified SES identity the emails are sent from. */
  SENDER_EMAIL: variable.text(),
  /** Where review requests, store failures and deadline mails go; empty: the steps tell nobody. */
  PRIVACY_TEAM_EMAIL: z.string(),
  /** The privacy console, linked from the privacy team's emails. */
  CONSOLE_URL: variable.baseUrl(),
  /** The public API, linked from the requester's emails (identity link, download). */
  PUBLIC_API_URL: variable.baseUrl(),
  /** Where the access packages are assembled and kept. */
  EXPORT_BUCKET: variable.text(),
  /** The deadline watch state machine: Acknowledge starts a request's execution, Close stops it. */
  WATCH_STATE_MACHINE_ARN: variable.text(),
  IDENTITY_LINK_DAYS: variable.duration(),
  DOWNLOAD_LINK_HOURS: variable.count(),
  /** Days a package stays in the export bucket; the reply states its end. */
  PACKAGE_EXPIRY_DAYS: variable.count(),
  /** Years a closed request's record is kept; the package and the erasure report state it. */
  RECORD_RETENTION_YEARS: variable.count(),
  /** The recipients' legal names by recipient id (Art. 15(1)(c)), checked by parseRecipientNames. */
  RECIPIENT_NAMES: variable.json(z.record(z.string(), z.string())),
  /** Days before the strict deadline the deadline watch reminds the privacy team. */
  REMINDER_DAYS_BEFORE: variable.counts(),
});

/** What a function that starts a request's deadline watch reads: the watch, and the days its first point is computed with. */
export const watchStartSettings = workflowSettings.pick({ WATCH_STATE_MACHINE_ARN: true, REMINDER_DAYS_BEFORE: true }).shape;

/** What every workflow step receives: ids only, never a person's data. */
export interface StepEvent {
  readonly requestId: string;
}
