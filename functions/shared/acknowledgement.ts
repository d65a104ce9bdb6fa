import { acknowledgement } from '../core/render/index.js';
import type { DsrRequestRecord } from '../core/request/model.js';

/**
 * The acknowledgement of a request, with or without an identity link: the first one the
 * workflow sends and every resent link carry the same facts from the same record.
 */
export function acknowledgementOf(
  request: DsrRequestRecord,
  verification: { verifyUrl: string; expiresAt: string } | null,
) {
  return acknowledgement({
    locale: request.locale,
    requestId: request.requestId,
    types: request.types,
    receivedAt: request.receivedAt,
    deadline: request.deadlines.initial.legal,
    verification,
    identityConfirmedBy: request.filing?.identity === 'verified' ? 'privacy_team' : 'dashboard',
  });
}
