import { defineFunction } from '../../shared/contract.js';
import { workflowSettings, type StepEvent } from '../contract.js';

export const acknowledgeContract = defineFunction({
  entry: 'workflow/acknowledge',
  environment: workflowSettings.pick({
    REQUESTS_TABLE: true,
    SENDER_EMAIL: true,
    PUBLIC_API_URL: true,
    IDENTITY_LINK_DAYS: true,
    WATCH_STATE_MACHINE_ARN: true,
    REMINDER_DAYS_BEFORE: true,
  }),
});

export type AcknowledgeEvent = StepEvent;

/** Which waits the workflow goes through next (the state machine branches on both). */
export interface AcknowledgeResult {
  readonly needsVerification: boolean;
  /** A mail to the privacy address names no rights: the team says which (Triage). */
  readonly needsTriage: boolean;
}
