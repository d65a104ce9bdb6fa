import * as z from 'zod';
import { CORRECTABLE_FIELDS, type CorrectableField, type CorrectionValue } from './correctable-fields.js';
import { LOCALES, type StoreDefinition } from './types.js';
import { STORES } from './stores.js';

export * from './correctable-fields.js';

/** The stores a correction writes in: those whose connector knows the item to write (`rectifiableItem`). */
export function correctableStores(stores: readonly StoreDefinition[] = STORES): StoreDefinition[] {
  return stores.filter((store) => store.location.kind === 'dynamodb' && Boolean(store.location.rectifiableItem));
}

/** One correction the privacy team applies (Art. 16): an attribute of a store, from → to. */
export interface Correction {
  storeId: string;
  field: string;
  from: CorrectionValue;
  to: CorrectionValue;
}

/** A correction the team applied (checked by `checkCorrections`), as the request keeps it for the reply. */
export interface AppliedCorrection extends Correction {
  field: CorrectableField;
  appliedAt: string;
  appliedBy: string;
}

/** A correction the body got wrong, as the admin API reports it. */
export interface CorrectionFieldError {
  path: string;
  code: 'unknown_store' | 'not_rectifiable' | 'invalid_value' | 'unchanged' | 'duplicate';
}

// Each kind of value a correctable attribute takes, as the intake checks such values (zod).
const VALUE_SCHEMAS = {
  email: z.email(),
  text: z.string().trim().min(1).max(200),
  locale: z.enum(LOCALES),
  yesNo: z.boolean(),
} as const satisfies Record<(typeof CORRECTABLE_FIELDS)[CorrectableField]['kind'], z.ZodType>;

const isCorrectable = (field: string): field is CorrectableField => field in CORRECTABLE_FIELDS;

/**
 * Checks the corrections of a review: each names a store the connector can write, an
 * attribute the inventory marks rectifiable there, valid old and new values that differ,
 * and no attribute twice. Anything else stays a statement of what the team did by hand.
 */
export function checkCorrections(corrections: readonly Correction[], stores: readonly StoreDefinition[] = STORES): CorrectionFieldError[] {
  const errors: CorrectionFieldError[] = [];
  const seen = new Set<string>();
  corrections.forEach((correction, i) => {
    const path = `rectify.${i}`;
    const store = correctableStores(stores).find((candidate) => candidate.id === correction.storeId);
    if (!store) return errors.push({ path: `${path}.storeId`, code: 'unknown_store' });
    if (!store.rectifiable.includes(correction.field) || !isCorrectable(correction.field)) {
      return errors.push({ path: `${path}.field`, code: 'not_rectifiable' });
    }
    const values = VALUE_SCHEMAS[CORRECTABLE_FIELDS[correction.field].kind];
    for (const side of ['from', 'to'] as const) {
      if (!values.safeParse(correction[side]).success) errors.push({ path: `${path}.${side}`, code: 'invalid_value' });
    }
    if (correction.from === correction.to) errors.push({ path: `${path}.to`, code: 'unchanged' });
    const key = `${correction.storeId}.${correction.field}`;
    if (seen.has(key)) errors.push({ path, code: 'duplicate' });
    seen.add(key);
  });
  return errors;
}

/** The stores the corrections changed (ids, inventory order): their recipients get the Art. 19 notice. */
export function correctedStores(corrections: readonly Pick<Correction, 'storeId'>[], stores: readonly StoreDefinition[] = STORES): string[] {
  return stores.filter((store) => corrections.some((correction) => correction.storeId === store.id)).map((store) => store.id);
}
