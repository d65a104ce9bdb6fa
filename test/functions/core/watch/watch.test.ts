import { describe, expect, it } from 'vitest';
import { computeDeadlines } from '../../../../functions/core/deadlines/index.js';
import { isCurrentPoint, nextWatchPoint, watchMailKind, watchStart } from '../../../../functions/core/watch/watch.js';
import type { DsrRequestRecord } from '../../../../functions/core/request/model.js';

describe('deadline watch points', () => {
  const dates = computeDeadlines('2026-03-02T10:00:00+01:00'); // strict 2 April, legal 2 April (Thursday)
  const request = (overrides: Partial<DsrRequestRecord> = {}) => ({
    status: 'awaiting_review' as const,
    receivedAt: dates.receivedAt,
    receiptDate: dates.receiptDate,
    deadlines: { initial: dates.initial, extended: dates.extended },
    ...overrides,
  });
  const settings = { reminderDaysBefore: [7, 2] };

  it('walks reminders then the deadline, each strictly after the last one handled', () => {
    const first = nextWatchPoint(request(), null, settings)!;
    expect(first).toMatchObject({ kind: 'reminder', daysBefore: 7 });
    const second = nextWatchPoint(request(), first.at, settings)!;
    expect(second).toMatchObject({ kind: 'reminder', daysBefore: 2 });
    const third = nextWatchPoint(request(), second.at, settings)!;
    expect(third.kind).toBe('legal_deadline');
    expect(nextWatchPoint(request(), third.at, settings)).toBeUndefined();
  });

  it('starts in its Wait for the first point, and not at all for a closed request', () => {
    expect(watchStart({ ...request(), requestId: 'dsr_1' }, settings)).toEqual({
      requestId: 'dsr_1',
      next: { done: false, point: nextWatchPoint(request(), null, settings) },
    });
    expect(watchStart({ ...request({ status: 'completed' }), requestId: 'dsr_1' }, settings)).toBeUndefined();
  });

  it('ends when the request is closed', () => {
    expect(nextWatchPoint(request({ status: 'completed' }), null, settings)).toBeUndefined();
    expect(nextWatchPoint(request({ status: 'dismissed' }), null, settings)).toBeUndefined();
  });

  it('covers an email waiting for triage, held or not, like any open request', () => {
    expect(nextWatchPoint(request({ status: 'awaiting_triage' }), null, settings)).toEqual(nextWatchPoint(request(), null, settings));
  });

  it('follows the extended dates after an extension, and old points no longer apply', () => {
    const first = nextWatchPoint(request(), null, settings)!;
    const extended = request({ extension: { reason: 'complex', extendedBy: 'x', extendedAt: dates.receivedAt } });
    expect(isCurrentPoint(extended, first, settings)).toBe(false);
    // The one-month date still binds a refusal (Art. 12(4)): end of 2 April 2026, CEST.
    const refusal = nextWatchPoint(extended, first.at, settings)!;
    expect(refusal).toEqual({ kind: 'refusal_deadline', at: '2026-04-02T21:59:59.999Z' });
    const next = nextWatchPoint(extended, refusal.at, settings)!;
    // Extended strict date 2 June 2026: the first reminder is 7 days before it, 26 May 09:00 CEST.
    expect(next).toEqual({ kind: 'reminder', daysBefore: 7, at: '2026-05-26T07:00:00Z' });
  });

  it('escalates at the refusal deadline only while the review is pending', () => {
    const extension = { reason: 'complex', extendedBy: 'x', extendedAt: dates.receivedAt };
    const point = { kind: 'refusal_deadline' as const, at: '2026-04-02T21:59:59.999Z' };
    expect(isCurrentPoint(request({ extension, pendingStep: 'review' }), point, settings)).toBe(true);
    expect(isCurrentPoint(request({ extension, status: 'processing' }), point, settings)).toBe(false);
    expect(watchMailKind(point)).toBe('escalation#refusal_deadline');
  });

  it('keys each reminder by its instant and each escalation by its kind, so each is sent once', () => {
    const first = nextWatchPoint(request(), null, settings)!;
    expect(watchMailKind(first)).toBe(`reminder#${first.at}`);
    expect(watchMailKind({ kind: 'legal_deadline', at: 'x' })).toBe('escalation#legal_deadline');
  });
});
