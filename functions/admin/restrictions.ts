import * as z from 'zod';
import { restrictionLifted } from '../core/render/index.js';
import type { DsrRequestRecord, Restriction } from '../core/request/model.js';
import { HttpError } from '../shared/http/errors.js';
import type { RestrictionView, RestrictionsPage } from './api-types.js';
import type { AdminPorts } from './ports.js';

/** `POST /admin/restrictions/{id}/lift`: why the team lifts it, quoted to the person. */
export const liftBody = z.strictObject({ reason: z.string().trim().min(1).max(5000) });

const view = (requestId: string, restriction: Restriction): RestrictionView => ({ requestId, ...restriction });

/** The restrictions in place, oldest first (the restriction index). */
export async function listRestrictions(ports: Pick<AdminPorts, 'repo'>): Promise<RestrictionsPage> {
  const restricted = await ports.repo.restrictions('active');
  return { items: restricted.map((request) => view(request.requestId, request.restriction!)) };
}

/**
 * Lifts a restriction (Art. 18(3)): the person is emailed first (once, however often the
 * call is repeated); only after it went out are the marks removed and the held copy
 * deleted, then the lift is recorded and audited. A mail failure changes nothing, and the
 * repeated call carries on where the last one stopped.
 */
export async function liftRestriction(
  ports: Pick<AdminPorts, 'repo' | 'mailer' | 'restrictionMarks'>,
  request: DsrRequestRecord,
  body: z.infer<typeof liftBody>,
  actor: string,
): Promise<RestrictionView> {
  const { requestId, restriction } = request;
  if (!restriction) throw new HttpError(404, 'restriction_not_found', 'This request put no restriction in place.');
  if (restriction.status === 'lifted') throw new HttpError(409, 'already_lifted', 'This restriction has been lifted.');
  await ports.mailer.sendOnce({
    requestId,
    kind: 'restriction_lifted',
    to: request.contactEmail,
    email: restrictionLifted({ locale: request.locale, requestId, receivedAt: request.receivedAt, types: request.types, reason: body.reason }),
  });
  await ports.restrictionMarks.release(restriction.accountId, requestId);
  const lifted: Restriction = { ...restriction, status: 'lifted', lifted: { at: new Date().toISOString(), by: actor, reason: body.reason } };
  await ports.repo.update(requestId, { restriction: lifted });
  await ports.repo.audit(requestId, { type: 'restriction_lifted', actor, details: { reason: body.reason, heldFiles: restriction.heldFiles } });
  return view(requestId, lifted);
}
