import { acknowledgement } from '../core/render/index.js';
import type { DsrRequestRecord } from '../core/request/model.js';

/**
 * What the acknowledgement says of the identity check: the link to confirm with;
 * `confirmed_by_link` when the person confirmed already (with the link of an earlier copy);
 * null when no check is needed (the team or a dashboard session established the identity).
 */
export type Verification = { verifyUrl: string; expiresAt: string } | 'confirmed_by_link' | null;

/**
 * The acknowledgement of a request, with or without an identity link: the first one the
 * workflow sends and every resent link carry the same facts from the same record.
 */
export function acknowledgementOf(request: DsrRequestRecord, verification: Verification) {
  const link = typeof verification === 'object' ? verification : null;
  return acknowledgement({
    locale: request.locale,
    requestId: request.requestId,
    types: request.types,
    receivedAt: request.receivedAt,
    deadline: request.deadlines.initial.legal,
    verification: link,
    identityConfirmedBy:
      verification === 'confirmed_by_link' ? 'email_link' : request.filing?.identity === 'verified' ? 'privacy_team' : 'dashboard',
  });
}
