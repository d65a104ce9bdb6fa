import * as z from 'zod';
import { defineFunction, variable } from '../shared/contract.js';

/** The data subject's identity link and its resend (functions/identity). */
export const identityContract = defineFunction({
  entry: 'identity',
  environment: z.object({
    REQUESTS_TABLE: variable.text(),
    /** The API's public base URL: the identity page's form posts to it, resent links point to it. */
    PUBLIC_API_URL: variable.baseUrl(),
    /** The SES identity resent identity links are sent from. */
    SENDER_EMAIL: variable.text(),
    /** Whether the legal clock stands still while the confirmation is awaited (gdpr-rules §3). */
    IDENTITY_PAUSE: z.enum(['true', 'false']).transform((flag) => flag === 'true'),
  }),
});
