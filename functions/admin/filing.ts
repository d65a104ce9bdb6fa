import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { fingerprintOf } from '../core/intake/idempotency.js';
import type { TeamFiling } from '../core/intake/team-filing.js';
import { HttpError } from '../shared/http/errors.js';
import { acceptedView, statedDraft, type IntakeOutcome, type NewDelivery } from '../intake/accept.js';
import type { FiledRequest } from './api-types.js';

/**
 * `POST /admin/requests`: a request the privacy team files itself, through the same intake
 * use case as the webhook and the mailbox. Its deadlines count from the true receipt; the
 * audit names the team member who filed it.
 */
export async function fileRequest(
  accept: (delivery: NewDelivery) => Promise<IntakeOutcome>,
  body: TeamFiling,
  actor: string,
  idempotencyKey: string | undefined,
): Promise<FiledRequest> {
  const outcome = await accept({
    // A retried POST with the same Idempotency-Key files once; without one, each POST files.
    deliveryKey: `team:${idempotencyKey ?? randomUUID()}`,
    fingerprint: fingerprintOf(JSON.stringify(body)),
    contactEmail: body.email ?? '',
    draft: { ...statedDraft(body), filing: { filedBy: actor, note: body.note, identity: body.identity, ground: body.ground } },
    auditDetails: { filedBy: actor, identity: body.identity ?? 'link', ground: body.ground ?? null },
  });
  if (!outcome.accepted && 'keyReused' in outcome) {
    throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with another filing; send a new key for a new request.');
  }
  if (!outcome.accepted) {
    throw new HttpError(429, 'rate_limited', `Too many requests for this address; try again in ${outcome.retryAfter} s.`);
  }
  const { request } = outcome;
  return {
    ...acceptedView(request),
    deadlines: request.deadlines,
    duplicateOf: request.duplicateOf ?? null,
  };
}

export function idempotencyKeyOf(event: APIGatewayProxyEvent): string | undefined {
  const value = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'idempotency-key')?.[1] ?? undefined;
  if (value !== undefined && !/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1-255 visible ASCII characters.');
  }
  return value;
}
