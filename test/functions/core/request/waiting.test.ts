import { describe, expect, it } from 'vitest';
import { stepKeyOf, WAITING_STATUS } from '../../../../functions/core/request/waiting.js';

describe('a step waiting for a person', () => {
  it('shows the request as waiting for that step, one key per failed store and action', () => {
    expect(WAITING_STATUS.review).toBe('awaiting_review');
    expect(WAITING_STATUS.store_failure).toBe('awaiting_store_retry');
    expect(stepKeyOf({ step: 'review' })).toBe('review');
    expect(stepKeyOf({ step: 'store_failure', storeId: 'orders', action: 'erase' })).toBe('store_failure#orders#erase');
  });

  it('shows a failed workflow step as waiting for a retry, one key per failed state', () => {
    expect(WAITING_STATUS.step_failure).toBe('awaiting_step_retry');
    expect(stepKeyOf({ step: 'step_failure', failedStep: 'RespondResult' })).toBe('step_failure#RespondResult');
  });
});
