/** The options of `dsr requests create`, as commander parses them. */
export interface TeamFilingOptions {
  type: string[];
  channel: string;
  receivedAt: string;
  email?: string;
  locale: string;
  name?: string;
  details?: string;
  accountId?: string;
  identityVerified?: boolean;
  ground?: string;
  note?: string;
}

/**
 * The body of `POST /admin/requests` for those options: only what was given, so the admin
 * API's own validation (functions/core/intake/team-filing.ts) answers for every rule.
 */
export function teamFilingBody(options: TeamFilingOptions): Record<string, unknown> {
  const optional = {
    email: options.email,
    name: options.name,
    details: options.details,
    accountId: options.accountId,
    identity: options.identityVerified ? 'verified' : undefined,
    ground: options.ground,
    note: options.note,
  };
  return {
    types: options.type,
    channel: options.channel,
    receivedAt: options.receivedAt,
    locale: options.locale,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}
