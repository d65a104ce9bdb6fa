import { formatColumns, type Figure } from './harness.js';

interface Goal {
  name: string;
  unit: string;
  /** The goal, as written. */
  goal: string;
  /** The "now" column (issue 15), before its changes. */
  now: string;
  met(value: number): boolean;
}

const atMost = (limit: number) => ({ goal: `<= ${limit}`, met: (value: number) => value <= limit });
const atLeast = (limit: number) => ({ goal: `>= ${limit}`, met: (value: number) => value >= limit });

/** The figures of issue 15's table, in its order: what `npm run bench` reports against its goals. */
export const GOALS = {
  transitions: { name: 'Step Functions transitions per access request (9-store inventory)', unit: 'transitions', now: '62', ...atMost(30) },
  costAccess: { name: 'cost per access request (list prices)', unit: 'USD', now: '0.00207', ...atMost(0.0012) },
  costErasure: { name: 'cost per erasure request (list prices)', unit: 'USD', now: '0.00228', ...atMost(0.0015) },
  intakeRatio: { name: 'intake throughput vs bare PutItem + StartExecution', unit: 'ratio', now: '0.22-0.25', ...atLeast(0.5) },
  intakeCalls: { name: 'AWS calls per new request (intake)', unit: 'calls', now: '7', ...atMost(4) },
  largestBundle: { name: 'largest Lambda bundle', unit: 'KB', now: '1536 (14 of 14 over 300)', ...atMost(300) },
  coldImport: { name: 'slowest cold import of a Lambda bundle, over an empty one', unit: 'ms', now: 'not measured', goal: 'measured', met: () => true },
  collectRatio: { name: 'usage-logs collect vs bare SDK', unit: 'ratio', now: '0.74-1.13', ...atLeast(0.9) },
  eraseRatio: { name: 'usage-logs erase vs bare SDK', unit: 'ratio', now: '0.74-1.13', ...atLeast(0.9) },
  collectRss: { name: 'connector process peak RSS, collect', unit: 'MB', now: '203', ...atMost(256) },
  eraseRss: { name: 'connector process peak RSS, erase', unit: 'MB', now: '172', ...atMost(256) },
  assembleRss: { name: 'Assemble process peak RSS, usage-logs package', unit: 'MB', now: '210', ...atMost(256) },
} satisfies Record<string, Goal>;
export type GoalId = keyof typeof GOALS;

/** A measured figure against its goal; `detail` (sizes, which Lambda) is added to its name. */
export function figure(id: GoalId, value: number, detail?: string): Figure & { id: GoalId } {
  const goal: Goal = GOALS[id];
  return { id, name: detail ? `${goal.name} (${detail})` : goal.name, value, unit: goal.unit, goal: goal.goal, pass: goal.met(value) };
}

/**
 * The cost section's figures, read off its report (bin/bench/cost prints them; this only
 * reads): each request's Step Functions line and the closing `total:` line.
 */
export function costFigures(report: string): Figure[] {
  const figures: Figure[] = [];
  const transitions = /^access dsr_\w+:\n\s+Step Functions: workflow (\d+) transitions, deadline watch (\d+)/m.exec(report);
  if (transitions) figures.push(figure('transitions', Number(transitions[1]) + Number(transitions[2]), `workflow ${transitions[1]} + watch ${transitions[2]}`));
  const total = /^total: access \$([\d.]+), erasure \$([\d.]+)/m.exec(report);
  if (total) figures.push(figure('costAccess', Number(total[1])), figure('costErasure', Number(total[2])));
  return figures;
}

/** Issue 15's table with today's figures next to the issue's "now", each against its goal. */
export function formatSummary(figures: readonly (Figure & { id?: GoalId })[]): string {
  const rows = (Object.entries(GOALS) as [GoalId, Goal][]).map(([id, goal]) => {
    const found = figures.find((f) => f.id === id);
    return [
      found?.name ?? goal.name,
      goal.now,
      found ? `${found.value}` : 'not run',
      goal.unit,
      goal.goal,
      found ? (found.pass ? 'met' : 'NOT MET') : '-',
    ];
  });
  return formatColumns(['figure', 'now (issue 15)', 'this run', 'unit', 'goal', ''], rows);
}
