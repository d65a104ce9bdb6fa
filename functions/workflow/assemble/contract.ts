import { defineFunction } from '../../shared/contract.js';
import { workflowSettings, type StepEvent } from '../contract.js';

export const assembleContract = defineFunction({
  entry: 'workflow/assemble',
  environment: workflowSettings.pick({
    REQUESTS_TABLE: true,
    EXPORT_BUCKET: true,
    RECORD_RETENTION_YEARS: true,
    RECIPIENT_NAMES: true,
  }),
});

export type AssembleEvent = StepEvent;
