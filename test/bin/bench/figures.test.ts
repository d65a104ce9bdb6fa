import { describe, expect, it } from 'vitest';
import { costFigures, figure, formatSummary, GOALS } from '../../../bin/bench/figures.js';
import { median } from '../../../bin/bench/harness.js';

/** The lines of the cost section's report the bench reads (bin/bench/cost/run.ts prints them). */
const REPORT = `
access dsr_0123abc:
  Step Functions: workflow 59 transitions, deadline watch 3; task failures (retries) 0
  Lambda: 24 invocations, 7.710 GB-s, 0 failed

erasure dsr_0456def:
  Step Functions: workflow 59 transitions, deadline watch 3; task failures (retries) 0

total: access $0.002125, erasure $0.002317
`;

describe('the bench figures', () => {
  it('reads transitions and cost per request off the cost section’s report', () => {
    expect(costFigures(REPORT).map(({ name, value, pass }) => ({ name, value, pass }))).toEqual([
      { name: expect.stringMatching(/^Step Functions transitions per access request.*workflow 59 \+ watch 3/), value: 62, pass: false },
      { name: 'cost per access request (list prices)', value: 0.002125, pass: false },
      { name: 'cost per erasure request (list prices)', value: 0.002317, pass: false },
    ]);
  });

  it('reads nothing, rather than a wrong figure, from a report it does not know', () => {
    expect(costFigures('total: 3 requests')).toEqual([]);
  });

  it('judges each figure against its goal, at the limit included', () => {
    expect([figure('intakeCalls', 4).pass, figure('intakeCalls', 5).pass]).toEqual([true, false]);
    expect([figure('intakeRatio', 0.5).pass, figure('intakeRatio', 0.49).pass]).toEqual([true, false]);
  });

  it('lists every figure of the issue, with “not run” for those this run did not measure', () => {
    const summary = formatSummary([figure('intakeCalls', 4)]);
    expect(summary).toMatch(/AWS calls per new request \(intake\)\s+7\s+4\s+calls\s+<= 4\s+met/);
    expect(summary.match(/not run/g)).toHaveLength(Object.keys(GOALS).length - 1);
  });

  it('reports the median of the rounds', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2])]).toEqual([2, 2.5]);
  });
});
