import { formatDate } from '../dates.js';
import { law } from '../legal.js';
import type { Block } from '../layout.js';
import { checkCount, formatNumber } from '../numbers.js';
import type { IsoDate, Locale } from '../types.js';

/** DynamoDB point-in-time recovery keeps a table restorable for at most 35 days. */
export const BACKUP_RESTORABLE_DAYS = 35;

/** What an erasure leaves besides the kept stores, and until when (the erasure report's last facts). */
export interface ErasureRemains {
  /** The packages of earlier requests the erasure deleted (their links answer 410). */
  deletedPackages: number;
  /** Years the record of each request is kept after it closed (`recordRetentionYears`). */
  recordRetentionYears: number;
  /** The last day the erased items can still be restored from the database backups. */
  backupsRestorableUntil: IsoDate;
}

/** The report's section on deleted copies, request records and backups. */
export function erasureRemainsBlocks(remains: ErasureRemains, locale: Locale): Block[] {
  const nl = locale === 'nl';
  const copies = checkCount(remains.deletedPackages, 'deleted packages');
  const years = formatNumber(remains.recordRetentionYears, locale);
  const until = formatDate(remains.backupsRestorableUntil, locale);
  const items: string[] = [];
  if (copies > 0) {
    items.push(
      nl
        ? `Eerdere kopieën: wij hebben ook ${formatNumber(copies, locale)} ${copies === 1 ? 'eerdere kopie' : 'eerdere kopieën'} van uw gegevens verwijderd, die wij op uw eerdere verzoek${copies === 1 ? '' : 'en'} om inzage of overdracht voor u hadden klaargezet. De downloadlinks daarvan werken niet meer.`
        : `Earlier copies: we have also deleted ${formatNumber(copies, locale)} ${copies === 1 ? 'earlier copy' : 'earlier copies'} of your data that we had prepared for you on your earlier access or portability request${copies === 1 ? '' : 's'}. Their download links no longer work.`,
    );
  }
  items.push(
    nl
      ? `Dossiers van uw verzoeken: het dossier van dit verzoek en van uw eerdere verzoeken bewaren wij ${years} jaar na de afsluiting van elk verzoek, omdat wij moeten kunnen aantonen dat wij ze volgens de AVG hebben afgehandeld (${law('Art. 5(2)', locale)} en ${law('Art. 12', locale)}). Daarna verwijderen wij ze.`
      : `Records of your requests: we keep the record of this request and of your earlier requests for ${years} years after each request was closed, because we must be able to show that we handled them as the GDPR requires (${law('Art. 5(2)', locale)} and ${law('Art. 12', locale)}). Then we delete them.`,
    nl
      ? `Back-ups: de gewiste gegevens blijven tot en met ${until} (${BACKUP_RESTORABLE_DAYS} dagen) herstelbaar uit de back-ups van onze databases (point-in-time recovery). Daarna zijn ze definitief verdwenen.`
      : `Backups: the erased data can still be restored from our database backups (point-in-time recovery) until ${until} (${BACKUP_RESTORABLE_DAYS} days). After that it is gone for good.`,
  );
  return [{ kind: 'heading', text: nl ? 'Wat er verder overblijft, en tot wanneer' : 'What else remains, and until when' }, { kind: 'list', items }];
}
