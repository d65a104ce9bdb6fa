import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { helpText, readToolArgs } from '../../bin/tool-options.js';

const TOOL = {
  name: 'demo',
  summary: 'Does a demo.',
  options: {
    rounds: { type: 'string', value: '<n>', default: '3', env: 'DEMO_ROUNDS', description: 'runs of each side' },
    section: { type: 'string', multiple: true, value: '<name>', description: 'only this section' },
    json: { type: 'string', value: '<file>', description: 'write the figures here' },
    quiet: { type: 'boolean', description: 'print less' },
  },
} as const;

describe('helpText', () => {
  it('lists every option of the table with its value, default and the variable that overrides it, then --help', () => {
    expect(helpText(TOOL)).toBe(
      [
        'Usage: npm run demo -- [options]',
        '',
        'Does a demo.',
        '',
        'Options:',
        '  --rounds <n>      runs of each side (default 3, DEMO_ROUNDS overrides it)',
        '  --section <name>  only this section (repeatable)',
        '  --json <file>     write the figures here',
        '  --quiet           print less',
        '  --help            print this help and exit',
        '',
      ].join('\n'),
    );
  });
});

describe('readToolArgs', () => {
  it('applies the defaults, the environment over them, and the command line over both', () => {
    expect(readToolArgs(TOOL, [], {})).toEqual({ kind: 'run', values: { rounds: '3' } });
    expect(readToolArgs(TOOL, [], { DEMO_ROUNDS: '5' })).toEqual({ kind: 'run', values: { rounds: '5' } });
    expect(readToolArgs(TOOL, ['--rounds', '7', '--section', 'a', '--section', 'b', '--quiet'], { DEMO_ROUNDS: '5' })).toEqual({
      kind: 'run',
      values: { rounds: '7', section: ['a', 'b'], quiet: true },
    });
  });

  it('answers --help with the help text, whatever else is given', () => {
    expect(readToolArgs(TOOL, ['--rounds', '2', '--help'], {})).toEqual({ kind: 'help', text: helpText(TOOL) });
  });

  it('names an unknown option, a missing value or a stray argument in one line, instead of throwing', () => {
    expect(readToolArgs(TOOL, ['--round', '2'], {})).toEqual({ kind: 'error', message: "unknown option '--round'" });
    expect(readToolArgs(TOOL, ['--json'], {})).toEqual({ kind: 'error', message: "option '--json <value>' argument missing" });
    expect(readToolArgs(TOOL, ['stray'], {})).toEqual({ kind: 'error', message: "unexpected argument 'stray'" });
  });
});

/** The tools that read their options with it, run as `npm run <tool> -- …` runs them (nothing starts: they stop at the options). */
describe.each([
  { tool: 'bench', options: ['--usage-logs <n>', 'default 100000, BENCH_USAGE_LOGS overrides it', '--media <n>', '--budget-ms <ms>', '--rounds <n>', 'default 3', '--section <name>', '--json <file>', '--report-only'] },
  { tool: 'soak', options: ['--requests <n>', 'default 40', '--faults <spec>', 'default dynamodb=0.1,s3=0.3,ses=0.2,crash=0.05', '--seed <n>', '--heavy-usage-logs <n>', '--heavy-media <n>', '--drain-minutes <n>', 'default 30', '--json <file>'] },
])('npm run $tool', ({ tool, options }) => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', `bin/${tool}.ts`, ...args], { cwd: root, timeout: 50_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('answers --help with every option and its default, exit code 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: npm run ${tool} -- \\[options\\]\n`));
    for (const option of [...options, '--help']) expect(stdout).toContain(option);
  });

  it('refuses an unknown option in one line on stderr, exit code 2', async () => {
    const { code, stdout, stderr } = await run('--bogus');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${tool}: unknown option '--bogus' (options: npm run ${tool} -- --help)\n`);
  });
});
