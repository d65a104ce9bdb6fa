import { describe, expect, it } from 'vitest';
import { cancel, retryFailures } from '../../../functions/admin/steps.js';
import { aRequest } from '../shared/request-record.js';
import { memoryPorts } from './ports.js';

const actor = 'alice@kiara-api.com';

describe('retrying failed stores and cancelling (use cases on the in-memory repository)', () => {
  it('retries every failed store, or only the one named; none failed is 409 no_pending_step', async () => {
    const request = aRequest({ requestId: 'dsr_retry', status: 'awaiting_store_retry' });
    const { ports, park, resumed } = memoryPorts(request);
    await park(request.requestId, 'store_failure', 'store_failure#media', { storeId: 'media' });
    await park(request.requestId, 'store_failure', 'store_failure#usage', { storeId: 'usage' });

    await retryFailures(ports, request, { storeId: 'usage' }, actor);
    expect(resumed.map((resume) => resume.taskToken)).toEqual(['token-dsr_retry-store_failure#usage']);
    await retryFailures(ports, request, undefined, actor);
    expect(resumed.map((resume) => resume.taskToken)).toEqual(['token-dsr_retry-store_failure#usage', 'token-dsr_retry-store_failure#media']);
    await expect(retryFailures(ports, request, undefined, actor)).rejects.toMatchObject({ status: 409, code: 'no_pending_step' });
  });

  it('retries a failed workflow step with the failed stores; a store named retries that store alone', async () => {
    const request = aRequest({ requestId: 'dsr_step', status: 'awaiting_step_retry' });
    const { ports, park, resumed } = memoryPorts(request);
    await park(request.requestId, 'step_failure', 'step_failure#RespondResult', { failedStep: 'RespondResult', error: 'MessageRejected' });
    await park(request.requestId, 'store_failure', 'store_failure#media', { storeId: 'media' });

    await expect(retryFailures(ports, request, { storeId: 'usage' }, actor)).rejects.toMatchObject({ status: 409, code: 'no_pending_step' });
    expect(resumed).toEqual([]);
    await retryFailures(ports, request, undefined, actor);
    expect(resumed.map((resume) => [resume.taskToken, resume.output])).toEqual([
      ['token-dsr_step-step_failure#RespondResult', { decision: 'retry' }],
      ['token-dsr_step-store_failure#media', { decision: 'retry' }],
    ]);
    await expect(retryFailures(ports, request, undefined, actor)).rejects.toMatchObject({ status: 409, code: 'no_pending_step' });
  });

  it('finishes a retry whose call died after deciding the step and before resuming the workflow, when the team repeats it', async () => {
    const request = aRequest({ requestId: 'dsr_died', status: 'awaiting_store_retry' });
    const { ports, repo, park, resumed } = memoryPorts(request);
    await park(request.requestId, 'store_failure', 'store_failure#media#collect', { storeId: 'media' });
    // The first call decided the step, then its Lambda died: the workflow still waits.
    await repo.resolveStep(request.requestId, 'store_failure#media#collect', 'retry', actor);

    await retryFailures(ports, request, undefined, actor);
    expect(resumed.map((resume) => resume.taskToken)).toEqual(['token-dsr_died-store_failure#media#collect']);
    // Once resumed, a repeat changes nothing.
    await expect(retryFailures(ports, request, undefined, actor)).rejects.toMatchObject({ status: 409, code: 'no_pending_step' });
    expect(resumed).toHaveLength(1);
  });

  it('cancels a request waiting for its review once; a cancellation after the decision is 409 already_decided', async () => {
    const request = aRequest({ requestId: 'dsr_cancel' });
    const { ports, repo, park, resumed } = memoryPorts(request);
    await park(request.requestId, 'review');
    await cancel(ports, request, actor);
    expect(resumed.map((resume) => resume.output)).toEqual([{ decision: 'cancelled' }]);
    await expect(cancel(ports, request, actor)).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    expect((await repo.auditTrail(request.requestId)).map((event) => event.details?.decision)).toEqual(['cancelled']);
  });
});
