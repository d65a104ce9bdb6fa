/**
 * The restriction contract with Kiara's own services (Art. 18 GDPR): how they see that a
 * person's data may only be stored. Documented in the README (*Restriction*); a service
 * that uses the data reads these marks first.
 */

/** Attribute on the account item while a restriction is in place (absent otherwise). */
export const RESTRICTION_ATTRIBUTE = 'dsrRestriction';

/** Object tag on each of the person's media objects while a restriction is in place; its value is the request id. */
export const RESTRICTION_TAG = 'dsr-restricted';

/** The value of `RESTRICTION_ATTRIBUTE`: which request restricted the data and since when. No personal data. */
export interface RestrictionMark {
  requestId: string;
  since: string;
}

/**
 * Where the held copy of the data that ages out (TTL, lifecycle) stays while restricted:
 * outside `work/`, whose lifecycle rule would delete it, until the restriction is lifted.
 */
export const restrictedHoldPrefix = (requestId: string) => `${RESTRICTED_PREFIX}${requestId}/`;

/** The export bucket's prefix of every held copy under restriction (no lifecycle rule). */
export const RESTRICTED_PREFIX = 'restricted/';
