import { signPayload } from '../../../functions/core/intake/signature.js';
import { NO_FAULTS } from '../../local-runtime/faults/spec.js';
import type { DsrLocal } from '../dsr-local.js';
import { openRequests } from './queue.js';

export interface ExhaustedRetriesProbe {
  /** The intake's and the admin queue's answers while DynamoDB failed every call. */
  during: Array<{ route: string; status: number; retryAfter: string | null; code?: string }>;
  /** The request ids the same delivery got once DynamoDB was back, tried twice. */
  after: string[];
  /** Requests the probe added to the open queue. */
  requestsFiled: number;
}

const PROBE_EMAIL = 'soak-probe@example.com';

/**
 * A public route whose own retries are exhausted: DynamoDB fails every call (so the SDK's
 * retries are all spent), the intake and the admin queue are called, then DynamoDB comes
 * back and the caller repeats the delivery with the same Idempotency-Key, twice.
 */
export async function probeExhaustedRetries(local: DsrLocal): Promise<ExhaustedRetriesProbe> {
  const raw = JSON.stringify({ type: 'access', email: PROBE_EMAIL });
  const deliver = () =>
    fetch(`${local.apiUrl}/v1/requests`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': 'soak-probe',
        'x-dsr-signature': signPayload(local.webhookSecret, raw, Math.floor(Date.now() / 1000)),
      },
      body: raw,
    });
  const admin = (path: string) => fetch(`${local.apiUrl}/admin${path}`, { headers: { authorization: `Bearer ${local.adminToken}` } });
  const queue = () => admin('/requests?status=open&limit=200');
  const openCount = async () => (await openRequests(async (path) => ({ body: await (await admin(path)).json() }))).length;
  const answer = async (route: string, response: Response) => ({
    route,
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: ((await response.json()) as { error?: { code: string } }).error?.code,
  });

  const openBefore = await openCount();
  local.runtime.setFaults({ ...NO_FAULTS, rates: { ...NO_FAULTS.rates, dynamodb: 1 } });
  const during = [await answer('POST /v1/requests', await deliver()), await answer('GET /admin/requests', await queue())];
  local.runtime.setFaults(undefined);
  const after: string[] = [];
  for (const _ of [1, 2]) after.push(((await (await deliver()).json()) as { requestId: string }).requestId);
  return { during, after, requestsFiled: (await openCount()) - openBefore };
}
