import { describe, expect, it } from 'vitest';
import {
  carriedOutRights,
  checkRightDecisions,
  DECISION_GROUND_CODES,
  grantAll,
  refuseAll,
  reviewDecision,
} from '../../../../functions/core/request/decisions.js';
import { packagedStores, reviewedPlan, storesOfRight } from '../../../../functions/core/plan/plan.js';
import { groundText } from '../../../../functions/core/render/index.js';

const facts = 'A claim about invoice 2026-17 is pending in court.';

describe('a decision per right', () => {
  it('accepts one entry per requested right, a ground and facts where something is withheld', () => {
    expect(checkRightDecisions(['access', 'erasure'], {
      access: { decision: 'grant' },
      erasure: { decision: 'partial', ground: 'legal_claims', facts },
    })).toEqual([]);
  });

  it('names each wrong field with a code', () => {
    expect(checkRightDecisions(['access', 'erasure'], {
      access: { decision: 'maybe' },
      objection: { decision: 'grant' },
      flying: { decision: 'grant' },
    })).toEqual([
      { path: 'rights.erasure', code: 'required' },
      { path: 'rights.access.decision', code: 'unknown_value' },
      { path: 'rights.objection', code: 'not_requested' },
      { path: 'rights.flying', code: 'unknown_right' },
    ]);
    expect(checkRightDecisions(['access'], { access: { decision: 'refuse', ground: 'legal_claims', facts: ' ' } })).toEqual([
      { path: 'rights.access.ground', code: 'ground_not_applicable' },
      { path: 'rights.access.facts', code: 'facts_required' },
    ]);
    expect(checkRightDecisions(['access'], { access: { decision: 'refuse', ground: 'whim', facts } })).toEqual([
      { path: 'rights.access.ground', code: 'unknown_ground' },
    ]);
  });

  it('carries out what is granted, fully or in part, and refuses the whole only when nothing is', () => {
    const mixed = { access: { decision: 'grant' }, erasure: { decision: 'refuse', ground: 'legal_claims', facts } } as const;
    expect(reviewDecision(mixed)).toBe('approved');
    expect(reviewDecision(refuseAll(['access', 'erasure'], 'excessive', facts))).toBe('rejected');
    expect(carriedOutRights({ types: ['access', 'erasure'], decision: { rights: mixed } })).toEqual(['access']);
    expect(carriedOutRights({ types: ['access', 'erasure'] })).toEqual(['access', 'erasure']);
    const plan = reviewedPlan({ types: ['access', 'erasure'], decision: { rights: mixed } });
    expect(plan).toMatchObject({ collect: true, erase: false });
    expect(reviewedPlan({ types: ['erasure'], decision: { rights: grantAll(['erasure']) } }).erase).toBe(true);
  });

  it('states every ground in both languages, with its provision in the reader\'s citation style', () => {
    for (const ground of DECISION_GROUND_CODES) {
      expect(groundText(ground, 'en')).toMatch(/GDPR\)\.|GDPR\)\. /);
      expect(groundText(ground, 'nl')).toMatch(/AVG/);
    }
    expect(groundText('legal_claims', 'en')).toContain('exception of Art. 17(3)(e) GDPR');
  });
});

describe('a partial grant keeps named stores', () => {
  const storesOf = (right: Parameters<typeof storesOfRight>[0]) => storesOfRight(right, { accountId: 'acct_1' });
  const partialErasure = { decision: 'partial', ground: 'legal_claims', facts, keep: ['support'], until: '2027-06-30' } as const;

  it('accepts stores of the right, with an end date for an erasure', () => {
    expect(checkRightDecisions(['erasure'], { erasure: partialErasure }, storesOf)).toEqual([]);
    expect(checkRightDecisions(['portability'], { portability: { decision: 'partial', ground: 'rights_of_others', facts, keep: ['media'] } }, storesOf)).toEqual([]);
  });

  it('names a missing, unknown or misplaced keep or end date with a code', () => {
    expect(checkRightDecisions(['erasure'], { erasure: { ...partialErasure, keep: [] } }, storesOf)).toEqual([{ path: 'rights.erasure.keep', code: 'keep_required' }]);
    expect(checkRightDecisions(['portability'], { portability: { decision: 'partial', ground: 'rights_of_others', facts, keep: ['invoices'] } }, storesOf)).toEqual([
      { path: 'rights.portability.keep.0', code: 'unknown_store' },
    ]);
    expect(checkRightDecisions(['erasure'], { erasure: { ...partialErasure, until: '2027-02-30' } }, storesOf)).toEqual([{ path: 'rights.erasure.until', code: 'invalid_date' }]);
    expect(checkRightDecisions(['erasure'], { erasure: { ...partialErasure, until: undefined } }, storesOf)).toEqual([{ path: 'rights.erasure.until', code: 'until_required' }]);
    expect(checkRightDecisions(['access'], { access: { decision: 'partial', ground: 'rights_of_others', facts, keep: ['support'], until: '2027-06-30' } }, storesOf)).toEqual([
      { path: 'rights.access.until', code: 'until_not_allowed' },
    ]);
    expect(checkRightDecisions(['erasure'], { erasure: { decision: 'refuse', ground: 'legal_claims', facts, keep: ['support'] } }, storesOf)).toEqual([
      { path: 'rights.erasure.keep', code: 'keep_not_allowed' },
    ]);
    // A person known only by earlier requests: no store to keep.
    expect(checkRightDecisions(['erasure'], { erasure: partialErasure }, (right) => storesOfRight(right, {}))).toEqual([
      { path: 'rights.erasure.keep', code: 'keep_not_allowed' },
      { path: 'rights.erasure.until', code: 'until_not_allowed' },
    ]);
  });

  it('leaves the kept stores out of the erasure and the package, the hold included', () => {
    const decision = { rights: { access: { decision: 'partial', ground: 'rights_of_others', facts, keep: ['usage-logs'] }, erasure: partialErasure } } as const;
    const plan = reviewedPlan({ types: ['access', 'erasure'], decision, subject: { accountId: 'acct_1' } });
    expect(plan.eraseStores.map((store) => store.storeId)).not.toContain('support');
    expect(plan.eraseStores.map((store) => store.storeId)).toContain('usage-logs');
    expect(plan.holdStores.map((store) => store.storeId)).not.toContain('usage-logs');
    expect(packagedStores({ types: ['access', 'erasure'], decision })).not.toContain('usage-logs');
    expect(packagedStores({ types: ['access', 'erasure'], decision })).toContain('support');
  });
});
