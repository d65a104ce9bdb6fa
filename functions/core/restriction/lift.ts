import * as z from 'zod';
import type { Restriction } from '../request/model.js';

/**
 * Lifting a restriction (Art. 18(3)) as transitions of its record and the release's
 * position: the admin API records the lift once the person was told, the "lift
 * restrictions" state machine releases the marks a page an invocation from the position
 * in its cursor, and records the restriction lifted when the last page is done.
 */

/**
 * Where the release stands: the media untagged up to `after` (the last key below the
 * account prefix, never the account id: the cursor travels in the execution's state and
 * the request's record), then the account's items, then the held copy.
 */
const position = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('media'), after: z.string().optional() }),
  z.strictObject({ step: z.literal('account') }),
  z.strictObject({ step: z.literal('hold') }),
]);
export type LiftPosition = z.infer<typeof position>;

/** The release from its start: the first page of media. */
export const LIFT_START = '';

export const encodeLiftCursor = (at: LiftPosition): string => Buffer.from(JSON.stringify(at)).toString('base64url');

/** The position a cursor names ('' = the start); throws on one this code did not write. */
export function decodeLiftCursor(cursor: string): LiftPosition {
  if (cursor === LIFT_START) return { step: 'media' };
  return position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
}

/** The lift the team asked for, after the person was told: the restriction is `lifting` from now on. */
export function startLift(restriction: Restriction, lift: { at: string; by: string; reason: string }): Restriction {
  return { ...restriction, status: 'lifting', lift: { ...lift, run: 1, from: LIFT_START } };
}

/**
 * A repeated lift of a restriction whose release gave up: the next run resumes where the
 * last one stopped. Any other restriction is returned as it is (a repeat changes nothing).
 */
export function resumeLift(restriction: Restriction): Restriction {
  if (restriction.status !== 'lifting' || !restriction.lift || !restriction.liftFailed) return restriction;
  const { liftFailed, ...rest } = restriction;
  return { ...rest, lift: { ...restriction.lift, run: restriction.lift.run + 1, from: liftFailed.cursor } };
}

/**
 * The name of a run's execution: one per request and run, so a repeated lift call starts
 * none twice, and a run after a failed one gets a name of its own.
 */
export const liftExecutionName = (requestId: string, run: number) => `${requestId}-lift-${run}`;

/** The release gave up at `cursor` with the error named: the team sees it and may lift again. */
export function failLift(restriction: Restriction, failure: { at: string; error: string; cursor: string }): Restriction {
  return { ...restriction, liftFailed: failure };
}

/** The last page released: lifted, by whom and why the lift was asked for, at `at`. */
export function finishLift(restriction: Restriction, at: string): Restriction {
  if (!restriction.lift) throw new Error('finishLift: the restriction has no lift on record');
  const { by, reason } = restriction.lift;
  return { ...restriction, status: 'lifted', lifted: { at, by, reason } };
}
