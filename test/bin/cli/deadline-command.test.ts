/** Runs `dsr deadline` as a child process, as the privacy team would. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function dsr(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/dsr.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dsr deadline', () => {
  it('prints one JSON line for a good instant (Amsterdam receipt day, rolled legal date)', () => {
    // 31 Jan 2026 23:30 UTC is 1 Feb 00:30 CET; 1 Mar 2026 is a Sunday -> Mon 2 Mar.
    const { status, stdout, stderr } = dsr('deadline', '--received', '2026-01-31T23:30:00Z');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      receivedAt: '2026-01-31T23:30:00Z',
      receiptDate: '2026-02-01',
      months: 1,
      deadline: '2026-03-02',
      strictDeadline: '2026-03-01',
      legalDeadline: '2026-03-02',
      respondBefore: '2026-03-02T22:59:59.999Z',
      rollForward: true,
      timeZone: 'Europe/Amsterdam',
    });
  });

  it('--months 3 --no-roll-forward gives the strict extended date', () => {
    // 30 Nov 2025 + 3 months = Sat 28 Feb 2026, kept when not rolling forward.
    const { status, stdout } = dsr('deadline', '--received', '2025-11-30T10:00:00+01:00', '--months', '3', '--no-roll-forward');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      receiptDate: '2025-11-30',
      months: 3,
      deadline: '2026-02-28',
      strictDeadline: '2026-02-28',
      legalDeadline: '2026-02-28',
      rollForward: false,
    });
  });

  it.each([
    { args: ['--received', '2026-01-31T10:00:00'], pattern: /no UTC offset/, why: 'instant without offset' },
    { args: ['--received', 'garbage'], pattern: /Invalid instant "garbage"/, why: 'garbage instant' },
    { args: ['--received', '2026-01-31T10:00:00Z', '--months', '2'], pattern: /--months.*1.*3/, why: 'months other than 1 or 3' },
    { args: [], pattern: /--received/, why: 'missing --received' },
  ])('fails with one clear stderr line: $why', ({ args, pattern }) => {
    const { status, stdout, stderr } = dsr('deadline', ...args);
    expect(status).not.toBe(0);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
