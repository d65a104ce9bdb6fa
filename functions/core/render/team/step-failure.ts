import { textsFor } from '../texts/index.js';
import type { RenderedEmail, TeamEmailBase } from '../types.js';
import { renderTeamEmail, requestFact } from './common.js';

export interface StepFailureInput extends TeamEmailBase {
  /** The workflow state that failed (e.g. "RespondResult"). */
  failedStep: string;
  /** The error's name or code (e.g. "MessageRejected"), not its message. */
  errorName: string;
}

/** Shown values are codes: at most one line of 120 characters. */
const code = (value: string) => String(value || 'unknown').replace(/\s+/g, ' ').slice(0, 120);

/**
 * A workflow step failed for good (its retries spent, or an error no retry helps) and the
 * request waits for the privacy team's retry.
 */
export function stepFailure(input: StepFailureInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).team.stepFailure;
  const failedStep = code(input.failedStep);
  const errorName = code(input.errorName);
  return renderTeamEmail(input, {
    subject: t.subject(requestId, failedStep),
    title: t.title,
    blocks: [
      { kind: 'facts', rows: [requestFact(requestId, locale), [t.step, failedStep], [t.error, errorName]] },
      ...(errorName === 'MessageRejected' ? [{ kind: 'paragraph' as const, text: t.refused }] : []),
      { kind: 'paragraph', text: t.waits },
    ],
  });
}
