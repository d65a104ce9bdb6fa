import { inboundMailVariables } from '../../mail-intake/contract.js';
import { defineFunction } from '../../shared/contract.js';
import { workflowSettings, type StepEvent } from '../contract.js';

export const erasePackagesContract = defineFunction({
  entry: 'workflow/erase-packages',
  // The person's received mail is deleted too, where the privacy mailbox is deployed.
  environment: workflowSettings.pick({ REQUESTS_TABLE: true, EXPORT_BUCKET: true }).extend(inboundMailVariables),
});

export type ErasePackagesEvent = StepEvent;
