import * as z from 'zod';
import { STORE_ACTIONS } from '../core/inventory/actions.js';
import { defineFunction, variable } from '../shared/contract.js';
import { workflowSettings } from '../workflow/contract.js';

/** One connector Lambda per inventory store, all from this entry. */
export const storeContract = defineFunction({
  entry: 'store',
  environment: workflowSettings.pick({ REQUESTS_TABLE: true, EXPORT_BUCKET: true }).extend({
    /** The inventory store this function serves. */
    STORE_ID: variable.text(),
    /** The store's table (a DynamoDB store) or bucket (an S3 store): one of the two. */
    STORE_TABLE: variable.text().optional(),
    STORE_BUCKET: variable.text().optional(),
    /** Tuning, each optional and parsed by settingsFromEnv (functions/connectors/settings.ts). */
    CONNECTOR_PAGE_SIZE: z.string().optional(),
    CONNECTOR_ERASE_CONCURRENCY: z.string().optional(),
    CONNECTOR_COPY_CONCURRENCY: z.string().optional(),
    CONNECTOR_MARGIN_MS: z.string().optional(),
    CONNECTOR_MARGIN_FRACTION: z.string().optional(),
  }),
});

/** The state machine's input: ids only. */
export const storeEventSchema = z.object({
  requestId: z.string().min(1),
  action: z.enum(STORE_ACTIONS),
  cursor: z.string().nullish(),
});
export type StoreEvent = z.infer<typeof storeEventSchema>;

/** Where the store stands after the invocation; the state machine passes the cursor back. */
export type { StepResult as StoreStepResult } from '../connectors/run.js';
