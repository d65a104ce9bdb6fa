import { describe, expect, it } from 'vitest';
import { downloadRevokedPage, erasureReport } from '../../../../../functions/core/render/index.js';

const base = { requestId: 'dsr_erasure', erased: [{ storeId: 'usage-logs', itemCount: 20 }], kept: [] };
const remains = { deletedPackages: 2, recordRetentionYears: 5, backupsRestorableUntil: '2027-01-05' };

describe('what an erasure leaves, in the erasure report', () => {
  it('names the deleted copies, the request records and the backups with their dates (EN)', () => {
    const { text } = erasureReport({ ...base, locale: 'en', remains });
    expect(text).toContain('What else remains, and until when');
    expect(text).toContain('we have also deleted 2 earlier copies of your data');
    expect(text).toContain('for 5 years after each request was closed');
    expect(text).toContain('Art. 5(2) GDPR');
    expect(text).toContain('until 5 January 2027 (35 days)');
  });

  it('says the same in Dutch', () => {
    const { text } = erasureReport({ ...base, locale: 'nl', remains: { ...remains, deletedPackages: 1 } });
    expect(text).toContain('Wat er verder overblijft, en tot wanneer');
    expect(text).toContain('1 eerdere kopie van uw gegevens verwijderd');
    expect(text).toContain('5 jaar na de afsluiting van elk verzoek');
    expect(text).toContain('artikel 5 lid 2 AVG');
    expect(text).toContain('tot en met 5 januari 2027 (35 dagen)');
  });

  it('mentions no deleted copies when there were none', () => {
    const { text } = erasureReport({ ...base, locale: 'en', remains: { ...remains, deletedPackages: 0 } });
    expect(text).not.toContain('Earlier copies');
    expect(text).toContain('Backups');
  });
});

describe('the page of a revoked download link', () => {
  it('says the package was deleted because of the erasure request, in EN and NL', () => {
    expect(downloadRevokedPage({ locale: 'en' })).toContain('This package has been deleted');
    expect(downloadRevokedPage({ locale: 'nl' })).toContain('Dit pakket is verwijderd');
    expect(downloadRevokedPage({ locale: 'nl' })).toContain('artikel 17 AVG');
  });
});
