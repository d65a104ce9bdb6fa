import * as z from 'zod';
import { LOCALES, RIGHTS } from '../inventory/types.js';
import { receiptInstantSchema, replyAddressSchema } from './schema.js';

/** The ways to reach a person other than email: a request that came so, a reply given so. */
export const OFFLINE_CHANNELS = ['letter', 'phone', 'in_person', 'other'] as const;
export type OfflineChannel = (typeof OFFLINE_CHANNELS)[number];
/** How a request the privacy team files itself reached Kiara. */
export const TEAM_CHANNELS = ['email', ...OFFLINE_CHANNELS] as const;

/**
 * A request the privacy team files (`POST /admin/requests`): what came by letter, phone,
 * in person or to a team member's inbox, with its true receipt (any past instant: the
 * team answers for it). `identity: "verified"` with a note skips the identity link (for
 * example a letter naming a known account number). `ground: "minor"` is the policy's §12:
 * an erasure of an account the team has learned belongs to someone under 18; nobody asked,
 * so no identity link and no acknowledgement, and the account's address is told afterwards.
 */
export const teamFilingSchema = z
  .strictObject({
    types: z.array(z.enum(RIGHTS)).min(1).max(RIGHTS.length),
    email: replyAddressSchema.optional(),
    channel: z.enum(TEAM_CHANNELS),
    receivedAt: receiptInstantSchema(),
    locale: z.enum(LOCALES).default('en'),
    name: z.string().trim().min(1).max(200).optional(),
    details: z.string().max(5000).optional(),
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    identity: z.literal('verified').optional(),
    ground: z.literal('minor').optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .superRefine((body, ctx) => {
    const fail = (path: string, code: string, message: string) =>
      ctx.addIssue({ code: 'custom', message, path: [path], params: { code } });
    if (body.identity === 'verified' && !body.note) fail('note', 'required', 'Say how the identity was verified.');
    if (body.ground === 'minor') {
      if (body.types.length !== 1 || body.types[0] !== 'erasure') fail('types', 'minor_erasure_only', 'A minor’s account is erased: types must be ["erasure"].');
      if (!body.accountId) fail('accountId', 'required', 'Name the account that belongs to a minor.');
      if (!body.note) fail('note', 'required', 'Say how the team learned that the account belongs to a minor.');
      if (body.identity) fail('identity', 'not_with_minor', 'Nobody asked: there is no identity to verify.');
    } else if (!body.email) {
      fail('email', 'required', 'The reply address is required.');
    }
  });

export type TeamFiling = z.output<typeof teamFilingSchema>;
