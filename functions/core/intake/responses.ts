import * as z from 'zod';

/**
 * The public API's response bodies. The handlers build them with these types and the
 * OpenAPI document is generated from the same schemas, so the two cannot drift apart.
 */
export const intakeAcceptedSchema = z
  .object({
    requestId: z.string().describe('The request’s reference; the emails quote it.'),
    receivedAt: z.string().meta({ format: 'date-time' }).describe('Receipt instant (UTC) the deadline counts from.'),
    receiptDate: z.string().meta({ format: 'date' }).describe('Receipt date in Europe/Amsterdam.'),
    deadline: z.string().meta({ format: 'date' }).describe('Legal response deadline (Art. 12(3) GDPR).'),
  })
  .describe(
    'The request is on record. The answer is the same for every address, whether or not it has a Kiara account, and for a request that repeats an open one.',
  );
export type IntakeAccepted = z.infer<typeof intakeAcceptedSchema>;

export const resendAcceptedSchema = z
  .object({ status: z.literal('accepted'), message: z.string() })
  .describe('Always the same answer, whatever the request id, so that it reveals nothing.');
export type ResendAccepted = z.infer<typeof resendAcceptedSchema>;

/** One invalid field of a `validation_failed` answer; its code is stable (see fieldErrors). */
const fieldErrorSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('Machine-readable reason, e.g. `invalid_signature`.'),
    message: z.string(),
    fields: z
      .array(fieldErrorSchema)
      .optional()
      .describe('For `validation_failed`: one entry per invalid field, with its own code.'),
  }),
});
