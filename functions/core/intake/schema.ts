import { z } from 'zod';
import { RIGHTS } from '../inventory/types.js';

export const CHANNELS = ['web_form', 'dashboard', 'support_desk', 'email'] as const;

/** Largest intake body accepted (bytes); larger is 413 before any parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The intake body: one schema validates it and documents it. */
export const intakeBodySchema = z
  .strictObject({
    type: z.enum(RIGHTS).optional().describe('The right invoked (use `types` for several).'),
    types: z.array(z.enum(RIGHTS)).min(1).max(RIGHTS.length).optional().describe('Several rights in one request.'),
    email: z.email().max(254).describe('The requester’s email address; replies go here.'),
    locale: z.enum(['en', 'nl']).default('en').describe('Language of the emails.'),
    name: z.string().trim().min(1).max(200).optional(),
    details: z.string().max(5000).optional().describe('Free text from the requester.'),
    channel: z.enum(CHANNELS).default('web_form'),
  })
  .refine((body) => body.type !== undefined || body.types !== undefined, {
    message: 'Give the right invoked as `type` or `types`.',
    path: ['type'],
  });

export type IntakeBody = z.infer<typeof intakeBodySchema>;

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** Zod issues as stable, per-field machine-readable codes. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.join('.') || '(body)';
    const code = (() => {
      switch (issue.code) {
        case 'invalid_type':
          return issue.input === undefined ? 'required' : 'invalid_type';
        case 'invalid_value':
          return 'unknown_value';
        case 'invalid_format':
          return issue.format === 'email' ? 'invalid_email' : 'invalid_format';
        case 'too_big':
          return 'too_long';
        case 'too_small':
          return 'too_short';
        case 'unrecognized_keys':
          return 'unknown_field';
        default:
          return 'invalid';
      }
    })();
    return { path, code, message: issue.message };
  });
}

/** The rights a valid body names, without repeats. */
export function requestedTypes(body: IntakeBody) {
  return [...new Set([...(body.type ? [body.type] : []), ...(body.types ?? [])])];
}
