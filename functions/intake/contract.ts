import * as z from 'zod';
import { defineFunction, variable } from '../shared/contract.js';

/**
 * The key request ids are derived with (functions/core/intake/idempotency.ts), which every
 * intake channel reads: the webhook, the privacy mailbox and the team's own filings.
 */
export const requestIdKeyVariables = {
  /** The Secrets Manager secret holding the key. */
  REQUEST_ID_KEY_ARN: variable.text(),
  /** The key itself, which only the local runtime passes; the secret is then not read. */
  REQUEST_ID_KEY: variable.text().optional(),
};

/** The signed intake webhook, `POST /v1/requests` (functions/intake). */
export const intakeContract = defineFunction({
  entry: 'intake',
  environment: z.object({
    REQUESTS_TABLE: variable.text(),
    /** The DSR workflow every accepted request starts; its first step starts the deadline watch. */
    STATE_MACHINE_ARN: variable.text(),
    /** Secrets Manager JSON object of the active HMAC secrets: `current`, and `previous` during a rotation. */
    WEBHOOK_SECRET_ARN: variable.text(),
    /** The secrets themselves, comma-separated, which only the local runtime passes; the secret is then not read. */
    WEBHOOK_SECRETS: z
      .string()
      .optional()
      .transform((list) => (list ?? '').split(',').map((secret) => secret.trim()).filter(Boolean)),
    ...requestIdKeyVariables,
  }),
});
