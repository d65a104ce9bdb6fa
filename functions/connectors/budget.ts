/** How much of an invocation's time is kept back for finishing the part and writing progress. */
export interface MarginSettings {
  minMarginMs: number;
  /** Share of the time the invocation started with. */
  marginFraction: number;
}

/** The part of a Lambda context a budget reads. */
export interface RemainingTime {
  getRemainingTimeInMillis?: () => number;
}

/** Tells a connector when to stop: checked between pages (and between object copies). */
export interface Budget {
  exhausted(): boolean;
}

/** A context without a clock (some local callers) gets this much time. */
const FALLBACK_MS = 60_000;

export function budgetFrom(context: RemainingTime | undefined, margin: MarginSettings): Budget {
  const deadline = Date.now() + FALLBACK_MS;
  const clock = context?.getRemainingTimeInMillis?.bind(context);
  const remaining = clock ?? (() => deadline - Date.now());
  const keep = Math.max(margin.minMarginMs, margin.marginFraction * remaining());
  return { exhausted: () => remaining() < keep };
}
