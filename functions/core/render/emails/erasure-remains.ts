import { formatDate } from '../dates.js';
import type { Block } from '../layout.js';
import { checkCount, formatNumber } from '../numbers.js';
import { textsFor } from '../texts/index.js';
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
  const t = textsFor(locale).erasureReport.remains;
  const copies = checkCount(remains.deletedPackages, 'deleted packages');
  const years = formatNumber(remains.recordRetentionYears, locale);
  const until = formatDate(remains.backupsRestorableUntil, locale);
  const items: string[] = [];
  if (copies > 0) items.push(t.earlierCopies(formatNumber(copies, locale), copies === 1));
  items.push(t.records(years), t.backups(until, BACKUP_RESTORABLE_DAYS));
  return [{ kind: 'heading', text: t.heading }, { kind: 'list', items }];
}
