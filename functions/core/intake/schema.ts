import { Temporal } from 'temporal-polyfill';
import * as z from 'zod';
import { parseReceiptInstant } from '../deadlines/index.js';
import { LOCALES, RIGHTS } from '../inventory/types.js';
import type { FieldError } from './responses.js';

export const CHANNELS = ['web_form', 'dashboard', 'support_desk', 'email'] as const;

/** Largest intake body accepted (bytes); larger is 413 before any parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

/** How far back a forwarded request's original receipt may lie. */
export const MAX_RECEIPT_AGE_DAYS = 30;

/**
 * A receipt instant. Its own check rather than zod's datetime, so that each way it can be
 * wrong has its own code, and so that "now" is read at parse time: a receipt in the
 * future or too long ago would move the deadline by fiat. `maxAgeDays` absent: any past
 * instant (the privacy team files what it received, and answers for the date).
 */
export const receiptInstantSchema = (maxAgeDays?: number) =>
  z
    .string()
    .max(40)
    .meta({ format: 'date-time', examples: ['2026-06-14T22:15:00+02:00'] })
    .superRefine((value, ctx) => {
      const fail = (code: string, message: string) => ctx.addIssue({ code: 'custom', message, params: { code } });
      let instantMs: number;
      try {
        instantMs = parseReceiptInstant(value).epochMilliseconds;
      } catch {
        return isLocalDateTime(value)
          ? fail('missing_offset', 'Give the time with Z or a UTC offset such as +02:00.')
          : fail('invalid_datetime', 'Not an ISO 8601 date-time.');
      }
      const now = Date.now();
      if (instantMs > now) fail('in_future', 'The receipt time lies in the future.');
      else if (maxAgeDays !== undefined && now - instantMs > maxAgeDays * 86_400_000) {
        fail('too_old', `The receipt time lies more than ${maxAgeDays} days back.`);
      }
    });

/** The original receipt of a request support forwards. */
const receivedAtSchema = receiptInstantSchema(MAX_RECEIPT_AGE_DAYS).describe(
  `Original receipt when support forwards a request (ISO 8601 with an offset, not in the future, at most ${MAX_RECEIPT_AGE_DAYS} days ago); the deadlines count from it. Default: now.`,
);

/** A date-time that would be an instant if only it had an offset. */
function isLocalDateTime(value: string): boolean {
  try {
    Temporal.PlainDateTime.from(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * A reply address, as every route that takes one checks it (the intake, the team's filing,
 * a changed contact address): trimmed and lower-cased before the format check, so a form
 * that keeps a stray space does not cost the person their request.
 */
export const replyAddressSchema = z.string().trim().toLowerCase().check(z.email(), z.maxLength(254));

/** The intake body: one schema validates it, documents it (OpenAPI) and shapes the gateway model. */
export const intakeBodySchema = z
  .strictObject({
    type: z.enum(RIGHTS).optional().describe('The right invoked (use `types` for several).'),
    types: z.array(z.enum(RIGHTS)).min(1).max(RIGHTS.length).optional().describe('Several rights in one request.'),
    email: replyAddressSchema.describe('The requester’s email address; replies go here.'),
    locale: z.enum(LOCALES).default('en').describe('Language of the emails.'),
    name: z.string().trim().min(1).max(200).optional().describe('The requester’s name, if given; shown to the privacy team.'),
    details: z.string().max(5000).optional().describe('Free text from the requester.'),
    accountId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional()
      .describe(
        'The Kiara account of a signed-in dashboard session. Only with channel `dashboard`; the session proved the identity, so no email check follows.',
      ),
    channel: z
      .enum(CHANNELS)
      .optional()
      .describe('Where the request came in. Default `dashboard` when `accountId` is given, else `web_form`.'),
    receivedAt: receivedAtSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.type === undefined && body.types === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Give the right invoked as `type` or `types`.', path: ['type'] });
    }
    if (body.accountId !== undefined && body.channel !== undefined && body.channel !== 'dashboard') {
      ctx.addIssue({
        code: 'custom',
        message: 'An account id comes only from the signed-in dashboard (channel `dashboard`).',
        path: ['accountId'],
        params: { code: 'dashboard_only' },
      });
    }
  })
  .transform((body) => ({ ...body, channel: body.channel ?? (body.accountId ? 'dashboard' : 'web_form') }));

export type IntakeBody = z.output<typeof intakeBodySchema>;

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
        case 'custom':
          return typeof issue.params?.code === 'string' ? issue.params.code : 'invalid';
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
