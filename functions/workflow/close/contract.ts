import type { ClosedStatus } from '../../core/request/model.js';
import { defineFunction } from '../../shared/contract.js';
import { workflowSettings, type StepEvent } from '../contract.js';

export const closeContract = defineFunction({
  entry: 'workflow/close',
  environment: workflowSettings.pick({ REQUESTS_TABLE: true, EXPORT_BUCKET: true, WATCH_STATE_MACHINE_ARN: true }),
});

export interface CloseEvent extends StepEvent {
  readonly status: ClosedStatus;
}
