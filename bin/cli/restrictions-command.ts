import { Command } from 'commander';
import type { RestrictionView, RestrictionsPage } from '../../functions/admin/api-types.js';
import { adminCall } from './api-client.js';

const COLUMNS = ['REQUEST', 'SINCE', 'STORES', 'HELD COPY', 'STATUS'] as const;

/** One restriction as a table row: the held copy by its stores (with counts) and its files. */
function row(restriction: RestrictionView): string[] {
  const stores = restriction.heldStores.map(({ storeId, items }) => `${storeId} (${items})`).join(', ');
  return [
    restriction.requestId,
    restriction.since.slice(0, 16).replace('T', ' '),
    stores || '-',
    `${restriction.heldFiles} files`,
    restriction.liftFailed ? `lifting, stopped (${restriction.liftFailed.error}): lift again` : restriction.status,
  ];
}

/** Columns padded to their widest cell, two spaces apart: what a terminal shows without a library. */
export function restrictionsTable(page: RestrictionsPage): string {
  if (page.items.length === 0) return 'No restrictions in place.\n';
  const rows = [[...COLUMNS], ...page.items.map(row)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)));
  return rows.map((cells) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n') + '\n';
}

/** `dsr restrictions …`: the restrictions in place (Art. 18), and lifting one after the person is told. */
export function registerRestrictionsCommand(program: Command): void {
  const restrictions = program.command('restrictions').description('List the restrictions in place and lift one (Art. 18, admin API)');
  restrictions
    .command('list')
    .description('The restrictions in place or being lifted, oldest first: request, since (UTC), the stores of the held copy, its files, status')
    .option('--json', 'the admin API answer as JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      const page = (await adminCall('/admin/restrictions')) as RestrictionsPage;
      process.stdout.write(options.json ? `${JSON.stringify(page, null, 2)}\n` : restrictionsTable(page));
    });
  restrictions
    .command('lift <id>')
    .description('Lift the restriction of request <id>: the person is emailed first (Art. 18(3)), then the marks go and the held copy is deleted, a page at a time; repeated after a stopped release, it resumes it')
    .requiredOption('--reason <text>', 'why the restriction is lifted (quoted to the person)')
    .action(async (id: string, options: { reason: string }) => {
      const lifting = (await adminCall(`/admin/restrictions/${id}/lift`, 'POST', { reason: options.reason })) as RestrictionView;
      process.stderr.write('Lifting: the person was emailed first (Art. 18(3)); the marks are being removed and the held copy deleted ("restrictions list" shows it as lifting until done).\n');
      process.stdout.write(`${JSON.stringify(lifting, null, 2)}\n`);
    });
}
