import type { ReminderPoint } from '../../core/deadlines/index.js';
import { defineFunction, variable } from '../../shared/contract.js';
import { workflowSettings } from '../../workflow/contract.js';

export const watchActContract = defineFunction({
  entry: 'watch/act',
  environment: workflowSettings
    .pick({ REQUESTS_TABLE: true, SENDER_EMAIL: true, CONSOLE_URL: true, REMINDER_DAYS_BEFORE: true })
    // The watch exists to tell the team: it needs the address.
    .extend({ PRIVACY_TEAM_EMAIL: variable.text() }),
});

export interface WatchActEvent {
  readonly requestId: string;
  readonly point: ReminderPoint;
}

/** `after` becomes the next loop's input; `acted` says whether a mail went out. */
export interface WatchActResult {
  readonly after: string;
  readonly acted: boolean;
}
