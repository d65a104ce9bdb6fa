import { deliveryKeyOf, fingerprintOf } from '../core/intake/idempotency.js';
import { requestedTypes } from '../core/intake/schema.js';
import { normalizeEmail } from '../core/inventory/email.js';
import { readEnvironment } from '../shared/contract.js';
import { HttpError } from '../shared/http/errors.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { logger } from '../shared/logger.js';
import { acceptedView, requestIntake, statedDraft } from './accept.js';
import { intakeContract } from './contract.js';
import { parseDelivery } from './delivery.js';
import { requestIdKey, webhookSecrets } from './secrets.js';

/** The signed webhook: checks the delivery, then files it through the intake use case (./accept.ts). */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(intakeContract, env);
  const accept = requestIntake({
    table: config.REQUESTS_TABLE,
    stateMachineArn: config.STATE_MACHINE_ARN,
    requestIdKey: () => requestIdKey(config),
  });

  return httpHandler('intake', async (event) => {
    const { body, raw, idempotencyKey } = await parseDelivery(event, () => webhookSecrets(config));
    const outcome = await accept({
      deliveryKey: deliveryKeyOf(raw, idempotencyKey),
      fingerprint: fingerprintOf(raw),
      contactEmail: normalizeEmail(body.email),
      // A request support forwards counts from its original receipt (validated by the schema).
      draft: statedDraft({ ...body, types: requestedTypes(body) }),
      auditDetails: { forwarded: body.receivedAt !== undefined, dashboardSession: body.accountId !== undefined },
    });
    if (!outcome.accepted && 'keyReused' in outcome) {
      throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with another body; send a new key for a new request.');
    }
    if (!outcome.accepted) {
      return json(
        429,
        { error: { code: 'rate_limited', message: 'Too many requests for this address; try again later.' } },
        { 'retry-after': String(outcome.retryAfter) },
      );
    }
    const { request } = outcome;
    logger.info('request accepted', { requestId: request.requestId, types: request.types, duplicate: Boolean(request.duplicateOf) });
    return json(202, acceptedView(request));
  });
}

export const handler = lambdaEntry(createHandler);
