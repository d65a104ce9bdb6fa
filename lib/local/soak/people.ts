import { RIGHTS, type Right } from '../../../functions/core/inventory/types.js';
import { needsOutcome } from '../../../functions/core/request/model.js';
import { DEFAULT_SIZES, type DemoSizes, type DemoUser } from '../../demo/index.js';

/** One requester of a soak: a seeded Kiara user of their own, and the right they exercise. */
export interface SoakRequester {
  index: number;
  user: DemoUser;
  right: Right;
  heavy: boolean;
  sizes: DemoSizes;
  /** The team extends this one at the review (its notice is one more email to get out once). */
  extended: boolean;
}

export interface SoakPlanOptions {
  requestsPerRight: number;
  /** Share of the requesters with a heavy account. Default 0.25. */
  heavyShare?: number;
  /** Items per store of a heavy account; unset stores keep the demo sizes. */
  heavySizes?: Partial<DemoSizes>;
  /** Share of the requests the team extends at the review. Default 1/8. */
  extendedShare?: number;
}

/**
 * Every right `requestsPerRight` times, each request from a user of its own (an erasure
 * must not empty the stores another request reads, and one address's second open request
 * of a right would be filed as a duplicate), every few a heavy one, half of them Dutch.
 */
export function planRequesters(options: SoakPlanOptions): SoakRequester[] {
  const heavyEvery = Math.round(1 / (options.heavyShare ?? 0.25));
  const extendedEvery = Math.round(1 / (options.extendedShare ?? 1 / 8));
  const count = options.requestsPerRight * RIGHTS.length;
  return Array.from({ length: count }, (_, index) => {
    const id = String(index).padStart(4, '0');
    const heavy = index % heavyEvery === 0;
    return {
      index,
      right: RIGHTS[index % RIGHTS.length]!,
      heavy,
      sizes: { ...DEFAULT_SIZES, ...(heavy ? options.heavySizes : {}) },
      extended: index % extendedEvery === 1,
      user: {
        accountId: `acct_soak${id}`,
        email: `soak${id}@example.com`,
        displayName: `Soak User ${id}`,
        locale: index % 2 === 0 ? 'en' : 'nl',
        createdAt: '2025-01-06T10:00:00.000Z',
      },
    };
  });
}

/** The email kinds a completed request of this requester must have sent, once each. */
export function expectedMailKinds(requester: SoakRequester): string[] {
  const reply = requester.right === 'access' || requester.right === 'portability' ? 'access_ready'
    : requester.right === 'erasure' ? 'erasure_report'
    : 'rights_outcome';
  return ['acknowledgement', 'review_needed', reply, ...(requester.extended ? ['extension_notice'] : [])];
}

/** What the team writes on approval: rectification, restriction and objection need a statement. */
export function approvalBody(requester: SoakRequester): { outcome?: string } {
  return needsOutcome([requester.right]) ? { outcome: 'We carried out your request as you asked.' } : {};
}
