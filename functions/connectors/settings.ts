import type { MarginSettings } from './budget.js';

export interface ConnectorSettings extends MarginSettings {
  /** Items per Query page / keys per ListObjectsV2 page; unset = the service's own page (1 MB / 1000 keys). */
  pageSize?: number;
  /** BatchWriteItem calls (25 deletes each) in flight. */
  eraseConcurrency: number;
  /** CopyObject calls in flight when exporting media. */
  copyConcurrency: number;
}

export const DEFAULT_SETTINGS: ConnectorSettings = {
  eraseConcurrency: 8,
  copyConcurrency: 16,
  minMarginMs: 5_000,
  marginFraction: 0.15,
};

/** Settings from a handler's environment; every variable is optional. */
export function settingsFromEnv(env: Record<string, string | undefined>): ConnectorSettings {
  const number = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
    return value;
  };
  const pageSize = number('CONNECTOR_PAGE_SIZE', 0);
  return {
    pageSize: pageSize > 0 ? pageSize : undefined,
    eraseConcurrency: Math.max(1, number('CONNECTOR_ERASE_CONCURRENCY', DEFAULT_SETTINGS.eraseConcurrency)),
    copyConcurrency: Math.max(1, number('CONNECTOR_COPY_CONCURRENCY', DEFAULT_SETTINGS.copyConcurrency)),
    minMarginMs: number('CONNECTOR_MARGIN_MS', DEFAULT_SETTINGS.minMarginMs),
    marginFraction: number('CONNECTOR_MARGIN_FRACTION', DEFAULT_SETTINGS.marginFraction),
  };
}
