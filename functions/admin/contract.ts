import * as z from 'zod';
import { requestIdKeyVariables } from '../intake/contract.js';
import { inboundMailVariables } from '../mail-intake/contract.js';
import { defineFunction, variable } from '../shared/contract.js';
import { watchStartSettings } from '../workflow/contract.js';

export type * from './api-types.js';

/**
 * The admin API's function: the privacy team's queue, request detail and decisions.
 * Deployed by DsrApi (lib/constructs/dsr-api.ts); its response bodies are in api-types.ts.
 */
export const adminContract = defineFunction({
  entry: 'admin',
  environment: z.object({
    REQUESTS_TABLE: variable.text(),
    /** The DSR workflow: started for held mail once triaged, and for the team's filings. */
    STATE_MACHINE_ARN: variable.text(),
    /** The deadline watch, started for a team filing that waits for triage. */
    ...watchStartSettings,
    /** The "send notices" state machine: an action that queues a notice starts its sender. */
    NOTICE_SENDER_ARN: variable.text(),
    SENDER_EMAIL: variable.text(),
    /** Where download links point (a reissued link). */
    PUBLIC_API_URL: variable.baseUrl(),
    /** Hours a reissued download link stays valid, never beyond the package. */
    DOWNLOAD_LINK_HOURS: variable.count().default(168),
    /** The table of each store a correction (Art. 16) writes in, by store id. */
    CORRECTION_TABLES: variable.json(z.record(z.string(), z.string())).default({}),
    /** Days a package stays when its request has no expiry on record yet (as the workflow's). */
    PACKAGE_EXPIRY_DAYS: variable.count().default(30),
    /** The "lift restrictions" state machine: a lift, once the person was told, starts its release. */
    RESTRICTION_LIFT_ARN: variable.text(),
    /** The privacy mailbox's bucket: the team downloads mailed attachments from it. */
    ...inboundMailVariables,
    /** The key a team filing's request id is derived with, as every intake channel's. */
    ...requestIdKeyVariables,
    /**
     * The admin bearer token's secret, on LocalStack only (no authorizers there); in AWS
     * the Cognito authorizer admits the caller and the handler checks the group.
     */
    ADMIN_TOKEN_SECRET_ARN: variable.text().optional(),
    /** The bearer token itself (the local runtime's LocalStack variant); empty refuses every call. */
    ADMIN_TOKEN: z.string().optional(),
  }),
});
