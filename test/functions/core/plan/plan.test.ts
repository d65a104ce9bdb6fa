import { describe, expect, it } from 'vitest';
import { STORES } from '../../../../functions/core/inventory/index.js';
import { planStores, recordsOnlyPlan } from '../../../../functions/core/plan/plan.js';

describe('store plan', () => {
  const collected = (plan: ReturnType<typeof planStores>) =>
    [...plan.holdStores, ...plan.collectStores].map((store) => store.storeId).sort();

  it('collects every store for access and erases none', () => {
    const plan = planStores(['access']);
    expect(plan).toMatchObject({ hold: true, collect: true, erase: false });
    expect(collected(plan)).toEqual(STORES.map((store) => store.id).sort());
    expect(plan.eraseStores).toEqual([]);
  });

  it('collects the stores that age data out at once (held until the review), the others after approval', () => {
    const plan = planStores(['access']);
    expect(plan.holdStores.map((store) => store.storeId)).toEqual(['usage-logs', 'generations', 'media', 'security-events']);
    expect(plan.collectStores.map((store) => store.storeId)).toEqual(['account', 'api-keys', 'invoices', 'credit-balance', 'support']);
  });

  it('collects only provided or observed data for portability (Art. 20)', () => {
    const plan = planStores(['portability']);
    expect(collected(plan)).toEqual(STORES.filter((store) => store.portable).map((store) => store.id).sort());
    expect(collected(plan)).not.toContain('invoices');
  });

  it('visits every store for erasure; the connector applies each store’s rule', () => {
    const plan = planStores(['erasure']);
    expect(plan).toMatchObject({ hold: false, collect: false, erase: true });
    expect(plan.eraseStores.map((store) => store.storeId)).toEqual(STORES.map((store) => store.id));
    // Each store starts at its beginning.
    expect(plan.eraseStores.every((store) => store.cursor === '' && !store.done)).toBe(true);
  });

  it('searches no store for a person known only by earlier requests, but packages the records of an access request', () => {
    expect(recordsOnlyPlan(['access'])).toEqual({ hold: false, collect: true, erase: false, holdStores: [], collectStores: [], eraseStores: [] });
    expect(recordsOnlyPlan(['erasure'])).toEqual({ hold: false, collect: false, erase: true, holdStores: [], collectStores: [], eraseStores: [] });
  });

  it('touches no store for rights the privacy team handles after review', () => {
    expect(planStores(['rectification', 'objection'])).toMatchObject({ hold: false, collect: false, erase: false });
  });
});
