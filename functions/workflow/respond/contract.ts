import * as z from 'zod';
import type { ReplyKind } from '../../core/request/replies.js';
import { defineFunction, variable } from '../../shared/contract.js';
import { workflowSettings, type StepEvent } from '../contract.js';

export const respondContract = defineFunction({
  entry: 'workflow/respond',
  environment: workflowSettings
    .pick({
      REQUESTS_TABLE: true,
      SENDER_EMAIL: true,
      PUBLIC_API_URL: true,
      DOWNLOAD_LINK_HOURS: true,
      PACKAGE_EXPIRY_DAYS: true,
      RECORD_RETENTION_YEARS: true,
      RECIPIENT_NAMES: true,
    })
    .extend({
      /** Art. 19 notice addresses by recipient id, checked by parseRecipientContacts. */
      RECIPIENT_CONTACTS: variable.json(z.record(z.string(), z.string())),
    }),
});

export interface RespondEvent extends StepEvent {
  readonly reply: ReplyKind;
}
