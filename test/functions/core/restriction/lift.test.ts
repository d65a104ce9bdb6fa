import { describe, expect, it } from 'vitest';
import {
  decodeLiftCursor,
  encodeLiftCursor,
  failLift,
  finishLift,
  LIFT_START,
  liftExecutionName,
  resumeLift,
  startLift,
} from '../../../../functions/core/restriction/lift.js';
import type { Restriction } from '../../../../functions/core/request/model.js';

const active: Restriction = { status: 'active', accountId: 'acct_1', since: '2026-06-15T10:00:00.000Z', heldFiles: 3, heldStores: [], taggedFiles: 2 };
const asked = { at: '2026-06-20T10:00:00.000Z', by: 'alice@kiara-api.com', reason: 'Verified.' };

describe('the release cursor of a lift', () => {
  it('starts at the first media page and round-trips every position', () => {
    expect(decodeLiftCursor(LIFT_START)).toEqual({ step: 'media' });
    for (const at of [{ step: 'media', after: 'files/0001.png' }, { step: 'account' }, { step: 'hold' }] as const) {
      expect(decodeLiftCursor(encodeLiftCursor(at))).toEqual(at);
    }
  });

  it('holds a key below the account prefix, never the account id', () => {
    const cursor = encodeLiftCursor({ step: 'media', after: 'files/0001.png' });
    expect(Buffer.from(cursor, 'base64url').toString('utf8')).not.toContain('acct_');
  });

  it('refuses a cursor this code did not write', () => {
    expect(() => decodeLiftCursor(encodeLiftCursor({ step: 'everything' } as never))).toThrow();
    expect(() => decodeLiftCursor(Buffer.from(JSON.stringify({ step: 'media', accountId: 'acct_1' })).toString('base64url'))).toThrow();
  });
});

describe('the transitions of a lift', () => {
  it('records who asked, when and why as lifting, the first run from the start', () => {
    expect(startLift(active, asked)).toEqual({ ...active, status: 'lifting', lift: { ...asked, run: 1, from: LIFT_START } });
  });

  it('runs a lift that gave up again from where it stopped, as the next run; leaves any other as it is', () => {
    const lifting = startLift(active, asked);
    expect(resumeLift(lifting)).toBe(lifting);
    expect(resumeLift(active)).toBe(active);
    const failed = failLift(lifting, { at: '2026-06-20T10:05:00.000Z', error: 'SlowDown', cursor: 'abc' });
    expect(failed.liftFailed).toEqual({ at: '2026-06-20T10:05:00.000Z', error: 'SlowDown', cursor: 'abc' });
    expect(resumeLift(failed)).toEqual({ ...lifting, lift: { ...lifting.lift!, run: 2, from: 'abc' } });
  });

  it('ends lifted with who asked and why, at the time the release finished', () => {
    const lifted = finishLift(startLift(active, asked), '2026-06-20T10:01:00.000Z');
    expect(lifted).toMatchObject({ status: 'lifted', lifted: { at: '2026-06-20T10:01:00.000Z', by: asked.by, reason: asked.reason } });
    expect(() => finishLift(active, '2026-06-20T10:01:00.000Z')).toThrow(/no lift on record/);
  });

  it('names one execution per request and run', () => {
    expect(liftExecutionName('dsr_1', 1)).toBe('dsr_1-lift-1');
    expect(liftExecutionName('dsr_1', 2)).not.toBe(liftExecutionName('dsr_1', 1));
  });
});
