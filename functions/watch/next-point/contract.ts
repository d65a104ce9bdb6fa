import type { ReminderPoint } from '../../core/deadlines/index.js';
import { defineFunction } from '../../shared/contract.js';
import { workflowSettings } from '../../workflow/contract.js';

export const nextPointContract = defineFunction({
  entry: 'watch/next-point',
  environment: workflowSettings.pick({ REQUESTS_TABLE: true, REMINDER_DAYS_BEFORE: true }),
});

export interface NextPointEvent {
  readonly requestId: string;
  /** The instant of the point last acted on; null at the start. */
  readonly after: string | null;
}

/** The point to wait for, or done (and no point) when none is left: the request closed. */
export interface NextPointResult {
  readonly done: boolean;
  readonly point?: ReminderPoint;
}
