import type { SESEvent } from 'aws-lambda';
import * as z from 'zod';
import { requestIdKeyVariables } from '../intake/contract.js';
import { defineFunction, variable } from '../shared/contract.js';
import { watchStartSettings } from '../workflow/contract.js';

/** The privacy mailbox as an intake channel (functions/mail-intake), invoked by SES receipts. */
export const mailIntakeContract = defineFunction({
  entry: 'mail-intake',
  environment: z.object({
    REQUESTS_TABLE: variable.text(),
    /** Where SES stored the received messages, each under MAIL_PREFIX and its SES message id. */
    MAIL_BUCKET: variable.text(),
    MAIL_PREFIX: z.string(),
    /** The DSR workflow a mail filed as a request starts. */
    STATE_MACHINE_ARN: variable.text(),
    /** The deadline watch a held mail starts instead, while nothing else runs until the team's triage. */
    ...watchStartSettings,
    ...requestIdKeyVariables,
  }),
});

/**
 * Where the privacy mailbox keeps received mail, for the functions besides the intake that
 * read its attachments (the admin API) or delete it (after an erasure). The mailbox sets
 * them (lib/constructs/privacy-mailbox.ts); absent where none is deployed (LocalStack).
 */
export const inboundMailVariables = {
  INBOUND_MAIL_BUCKET: variable.text().optional(),
  INBOUND_MAIL_PREFIX: z.string().optional(),
};

/** SES's receipt of messages for the privacy address (the local SMTP listener sends the same). */
export type MailIntakeEvent = SESEvent;
