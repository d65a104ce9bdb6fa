import type { ClosedStatus } from '../../core/request/model.js';
import { inboundMailVariables } from '../../mail-intake/contract.js';
import { defineFunction } from '../../shared/contract.js';
import { workflowSettings, type StepEvent } from '../contract.js';

export const closeContract = defineFunction({
  entry: 'workflow/close',
  // An erasure request that found no data: the person's received mail is deleted here.
  environment: workflowSettings.pick({ REQUESTS_TABLE: true, EXPORT_BUCKET: true, WATCH_STATE_MACHINE_ARN: true }).extend(inboundMailVariables),
});

export interface CloseEvent extends StepEvent {
  readonly status: ClosedStatus;
}
