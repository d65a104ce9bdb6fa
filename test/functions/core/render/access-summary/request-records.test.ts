import { describe, expect, it } from 'vitest';
import { renderAccessSummary } from '../../../../../functions/core/render/index.js';

const base = { requestId: 'dsr_now', generatedAt: '2026-12-01T10:00:00Z', types: ['access'] as const, stores: [] };
const requestRecords = {
  recordRetentionYears: 5,
  requests: [
    { requestId: 'dsr_erased', types: ['erasure'] as const, receivedAt: '2026-03-02T09:00:00Z', closedAt: '2026-03-10T12:00:00Z', keptUntil: '2031-03-10' },
    { requestId: 'dsr_open', types: ['restriction'] as const, receivedAt: '2026-11-30T09:00:00Z' },
  ],
};

describe('the records of earlier requests in an access package', () => {
  it('lists each with its dates and says why and how long the records are kept (EN)', () => {
    const { html, json } = renderAccessSummary({ ...base, locale: 'en', requestRecords });
    expect(json.requestRecords).toEqual([
      { requestId: 'dsr_erased', types: ['erasure'], receivedAt: '2026-03-02T09:00:00Z', closedAt: '2026-03-10T12:00:00Z', keptUntil: '2031-03-10' },
      { requestId: 'dsr_open', types: ['restriction'], receivedAt: '2026-11-30T09:00:00Z', closedAt: null, keptUntil: null },
    ]);
    expect(html).toContain('Records of your privacy requests');
    expect(html).toContain('10 March 2031');
    expect(html).toContain('still open');
    expect(html).toContain('Legal obligation (Art. 6(1)(c) GDPR)');
    expect(html).toContain('5 years after the request was closed');
    expect(html).not.toContain('We found no data');
  });

  it('says the same in Dutch', () => {
    const { html } = renderAccessSummary({ ...base, locale: 'nl', requestRecords });
    expect(html).toContain('Dossiers van uw privacyverzoeken');
    expect(html).toContain('10 maart 2031');
    expect(html).toContain('Wettelijke verplichting (artikel 6 lid 1, onder c, AVG)');
    expect(html).toContain('5 jaar na de afsluiting van het verzoek');
  });

  it('leaves the section out, and says no data was found, when there are no earlier requests', () => {
    const { html, json } = renderAccessSummary({ ...base, locale: 'en', requestRecords: { recordRetentionYears: 5, requests: [] } });
    expect(json.requestRecords).toBeUndefined();
    expect(html).not.toContain('Records of your privacy requests');
    expect(html).toContain('We found no data');
  });
});
