import { describe, expect, it } from 'vitest';
import { agedOutWindows } from '../../../../functions/core/plan/aged-out.js';
import { renderAccessSummary } from '../../../../functions/core/render/index.js';

const held = ['usage-logs', 'generations', 'media', 'security-events'];

describe('data that may have aged out between receipt and collection', () => {
  it('is, per store that ages data, what was recorded between receipt and collection minus its retention', () => {
    const windows = agedOutWindows(held, '2026-11-01T09:00:00Z', '2026-11-04T09:00:00Z');
    expect(windows).toEqual([
      { storeId: 'usage-logs', days: 30, from: '2026-10-02T09:00:00.000Z', to: '2026-10-05T09:00:00.000Z' },
      { storeId: 'generations', days: 90, from: '2026-08-03T09:00:00.000Z', to: '2026-08-06T09:00:00.000Z' },
      { storeId: 'media', days: 90, from: '2026-08-03T09:00:00.000Z', to: '2026-08-06T09:00:00.000Z' },
      { storeId: 'security-events', days: 30, from: '2026-10-02T09:00:00.000Z', to: '2026-10-05T09:00:00.000Z' },
    ]);
  });

  it('is nothing when collection followed receipt within the hour, or for stores that keep their data', () => {
    expect(agedOutWindows(held, '2026-11-01T09:00:00Z', '2026-11-01T09:20:00Z')).toEqual([]);
    expect(agedOutWindows(['account', 'invoices'], '2026-11-01T09:00:00Z', '2026-11-09T09:00:00Z')).toEqual([]);
  });

  it('is stated in the package README in English and Dutch', () => {
    const agedOut = agedOutWindows(['usage-logs'], '2026-11-01T09:00:00Z', '2026-11-04T09:00:00Z');
    const input = { requestId: 'dsr_x', generatedAt: '2026-11-20T10:00:00Z', types: ['access'] as const, stores: [], agedOut };
    const en = renderAccessSummary({ ...input, locale: 'en' });
    expect(en.json.agedOut).toEqual(agedOut);
    expect(en.html).toContain('Data that may have aged out before we collected it');
    expect(en.html).toContain('API usage and request logs: recorded between 2 October 2026');
    expect(en.html).toContain('(kept 30 days)');
    const nl = renderAccessSummary({ ...input, locale: 'nl' });
    expect(nl.html).toContain('Gegevens die vóór het verzamelen kunnen zijn verlopen');
    expect(nl.html).toContain('vastgelegd tussen 2 oktober 2026');
    expect(renderAccessSummary({ ...input, locale: 'en', agedOut: [] }).html).not.toContain('aged out');
  });
});
