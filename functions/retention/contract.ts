import { defineFunction } from '../shared/contract.js';
import { workflowSettings } from '../workflow/contract.js';

/** The daily retention purge of closed requests' records. */
export const retentionContract = defineFunction({
  entry: 'retention',
  environment: workflowSettings.pick({ REQUESTS_TABLE: true, RECORD_RETENTION_YEARS: true }),
});
