import { defineFunction } from '../../shared/contract.js';
import { workflowSettings, type StepEvent } from '../contract.js';

export const erasePackagesContract = defineFunction({
  entry: 'workflow/erase-packages',
  environment: workflowSettings.pick({ REQUESTS_TABLE: true, EXPORT_BUCKET: true }),
});

export type ErasePackagesEvent = StepEvent;
