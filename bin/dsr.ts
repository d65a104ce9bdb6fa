/**
 * `dsr`: the privacy team's command line for data-subject requests.
 * Each subcommand lives in its own module under bin/cli/ and is registered below.
 */
import { Command } from 'commander';
import { registerDeadlineCommand } from './cli/deadline-command.js';
import { registerRequestsCommand, registerSubmitCommand } from './cli/requests-command.js';
import { registerRestrictionsCommand } from './cli/restrictions-command.js';

/** Subcommand registrars; add one line per new bin/cli/*-command.ts module. */
const commands: Array<(program: Command) => unknown> = [
  registerDeadlineCommand,
  registerSubmitCommand,
  registerRequestsCommand,
  registerRestrictionsCommand,
];

export function buildProgram(): Command {
  const program = new Command('dsr')
    .description("Kiara Intelligence privacy team's command line for GDPR data-subject requests");
  for (const register of commands) register(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  // Unexpected failures: one line, no stack trace (set DSR_DEBUG=1 to see it).
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${message}\n`);
  if (process.env.DSR_DEBUG) console.error(err);
  process.exitCode = 1;
}
