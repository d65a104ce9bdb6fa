/**
 * `dsr deadline`: when must a request received at a given instant be answered?
 * Prints one JSON line, so the privacy team can pipe it into jq or a ticket.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  DEFAULT_DEADLINE_SETTINGS,
  InvalidInstantError,
  deadlineFor,
  endOfDay,
  type DeadlineMonths,
} from '../../functions/core/deadlines/index.js';

function parseMonths(value: string): DeadlineMonths {
  if (value === '1') return 1;
  if (value === '3') return 3;
  throw new InvalidArgumentError('Expected 1 (normal deadline) or 3 (extended deadline).');
}

interface DeadlineOptions {
  received: string;
  months: DeadlineMonths;
  rollForward: boolean;
}

/** Adds the `deadline` subcommand to the `dsr` program. */
export function registerDeadlineCommand(program: Command): Command {
  return program
    .command('deadline')
    .description('compute the GDPR Art. 12(3) response deadline of a request (Europe/Amsterdam)')
    .requiredOption('--received <instant>', 'receipt instant, ISO 8601 with Z or an offset, e.g. 2026-06-14T22:15:00Z')
    .addOption(
      new Option('--months <months>', '1 = normal deadline, 3 = extended deadline')
        .argParser(parseMonths)
        .default(1 as DeadlineMonths),
    )
    .option('--no-roll-forward', 'do not roll a weekend/holiday deadline forward to the next working day')
    .action(function (this: Command, opts: DeadlineOptions) {
      const timeZone = DEFAULT_DEADLINE_SETTINGS.timeZone;
      try {
        const d = deadlineFor(opts.received, opts.months, { rollForward: opts.rollForward, timeZone });
        const out = {
          receivedAt: d.receivedAt,
          receiptDate: d.receiptDate,
          months: opts.months,
          deadline: d.deadline,
          strictDeadline: d.strict,
          legalDeadline: d.legal,
          respondBefore: endOfDay(d.deadline, timeZone),
          rollForward: opts.rollForward,
          timeZone,
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
      } catch (err) {
        if (err instanceof InvalidInstantError) this.error(`error: ${err.message}`, { code: err.code });
        throw err;
      }
    });
}
