/**
 * The fault spec of the local runtime (`DSR_FAULTS`), e.g.
 * `dynamodb=0.1,s3=0.3,ses=0.2,crash=0.05,seed=42`: per service the share of the
 * handlers' calls that fail as AWS fails them, `crash` the share of successful calls after
 * which the invocation dies, and the seed that makes a run repeatable. Pure.
 */

export const FAULT_KINDS = ['dynamodb', 's3', 'ses', 'crash'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** Probability in [0, 1] per kind; a kind not named is 0. */
  readonly rates: Readonly<Record<FaultKind, number>>;
  readonly seed: number;
}

/** The seed when the spec names none, so that a run is repeatable all the same. */
export const DEFAULT_FAULT_SEED = 1;

/** Fails nothing; for a runtime that only crashes where a test says (`crashAfter`). */
export const NO_FAULTS: FaultSpec = { rates: { dynamodb: 0, s3: 0, ses: 0, crash: 0 }, seed: DEFAULT_FAULT_SEED };

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

const isKind = (key: string): key is FaultKind => (FAULT_KINDS as readonly string[]).includes(key);

/** Parses a spec; an empty or blank one is no faults (undefined). Throws FaultSpecError naming the bad part. */
export function parseFaultSpec(text: string | undefined): FaultSpec | undefined {
  if (!text?.trim()) return undefined;
  const rates: Record<FaultKind, number> = { dynamodb: 0, s3: 0, ses: 0, crash: 0 };
  const seen = new Set<string>();
  let seed = DEFAULT_FAULT_SEED;
  for (const part of text.split(',')) {
    const match = /^\s*([a-z0-9]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!match) throw new FaultSpecError(`"${part.trim()}" is not name=value`);
    const [, key, raw] = match as unknown as [string, string, string];
    if (seen.has(key)) throw new FaultSpecError(`"${key}" is named twice`);
    seen.add(key);
    if (key === 'seed') {
      if (!/^\d{1,9}$/.test(raw)) throw new FaultSpecError(`seed must be a whole number below 10^9, not "${raw}"`);
      seed = Number(raw);
    } else if (isKind(key)) {
      const rate = Number(raw);
      if (!/^\d*\.?\d+$/.test(raw) || rate > 1) throw new FaultSpecError(`${key} must be a probability from 0 to 1, not "${raw}"`);
      rates[key] = rate;
    } else {
      throw new FaultSpecError(`unknown fault "${key}" (known: ${FAULT_KINDS.join(', ')}, seed)`);
    }
  }
  return { rates, seed };
}

/** The spec as the start banner and reports show it. */
export function describeFaultSpec(spec: FaultSpec): string {
  const rates = FAULT_KINDS.filter((kind) => spec.rates[kind] > 0).map((kind) => `${kind}=${spec.rates[kind]}`);
  return [...rates, `seed=${spec.seed}`].join(',');
}
