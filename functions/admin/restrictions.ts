import * as z from 'zod';
import { restrictionLifted } from '../core/render/index.js';
import { resumeLift, startLift } from '../core/restriction/lift.js';
import type { DsrRequestRecord, Restriction } from '../core/request/model.js';
import { restrictionIndex } from '../core/request/keys.js';
import { HttpError } from '../shared/http/errors.js';
import type { RestrictionView, RestrictionsPage } from './api-types.js';
import type { AdminPorts } from './ports.js';

/** `POST /admin/restrictions/{id}/lift`: why the team lifts it, quoted to the person. */
export const liftBody = z.strictObject({ reason: z.string().trim().min(1).max(5000) });

const view = (requestId: string, restriction: Restriction): RestrictionView => ({ requestId, ...restriction });

/** The restrictions in place and those being lifted, oldest first (the restriction index). */
export async function listRestrictions(ports: Pick<AdminPorts, 'repo'>): Promise<RestrictionsPage> {
  const restricted = (await Promise.all([ports.repo.restrictions('active'), ports.repo.restrictions('lifting')])).flat();
  const order = (request: DsrRequestRecord) => restrictionIndex.sort(request.restriction!.since, request.requestId);
  restricted.sort((a, b) => order(a).localeCompare(order(b)));
  return { items: restricted.map((request) => view(request.requestId, request.restriction!)) };
}

/**
 * Lifts a restriction (Art. 18(3)): the person is emailed first (once, however often the
 * call is repeated); only after it went out is the lift recorded (`lifting`: who, when,
 * why) and its release started, which removes the marks and deletes the held copy a page
 * at a time and records the restriction lifted. A mail failure changes nothing. A repeat
 * while lifting answers the lift as it stands and starts no second release, unless the
 * last one gave up: then the next run resumes where it stopped.
 */
export async function liftRestriction(
  ports: Pick<AdminPorts, 'repo' | 'mailer' | 'restrictionLift'>,
  request: DsrRequestRecord,
  body: z.infer<typeof liftBody>,
  actor: string,
): Promise<RestrictionView> {
  const { requestId, restriction } = request;
  if (!restriction) throw new HttpError(404, 'restriction_not_found', 'This request put no restriction in place.');
  if (restriction.status === 'lifted') throw new HttpError(409, 'already_lifted', 'This restriction has been lifted.');
  if (restriction.status === 'active') {
    await ports.mailer.sendOnce({
      requestId,
      kind: 'restriction_lifted',
      to: request.contactEmail,
      email: restrictionLifted({ locale: request.locale, requestId, receivedAt: request.receivedAt, types: request.types, reason: body.reason }),
    });
  }
  const lifting = restriction.status === 'active' ? startLift(restriction, { at: new Date().toISOString(), by: actor, reason: body.reason }) : resumeLift(restriction);
  if (lifting !== restriction) await ports.repo.update(requestId, { restriction: lifting });
  // Started by name (request and run): a repeat, or a call that died before starting it, starts it once.
  await ports.restrictionLift.start(requestId, lifting.lift!);
  return view(requestId, lifting);
}
