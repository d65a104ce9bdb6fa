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
  const nl = locale === 'nl';
  const failedStep = code(input.failedStep);
  const errorName = code(input.errorName);
  return renderTeamEmail(input, {
    subject: nl ? `[DSR] Workflowstap mislukt: ${failedStep} voor ${requestId}` : `[DSR] Workflow step failed: ${failedStep} for ${requestId}`,
    title: nl ? 'Een stap van de workflow is mislukt' : 'A workflow step failed',
    blocks: [
      {
        kind: 'facts',
        rows: [requestFact(requestId, locale), [nl ? 'Stap' : 'Step', failedStep], [nl ? 'Fout' : 'Error', errorName]],
      },
      ...(errorName === 'MessageRejected'
        ? [
            {
              kind: 'paragraph' as const,
              text: nl
                ? 'Amazon SES heeft geweigerd de e-mail van deze stap te versturen. Bij een nieuwe poging wordt de e-mail opnieuw aangeboden; hij gaat pas uit wanneer SES hem aanvaardt.'
                : 'Amazon SES refused to send the email of this step. A retry offers it again; it goes out only once SES accepts it.',
            },
          ]
        : []),
      {
        kind: 'paragraph',
        text: nl
          ? 'De workflow probeert het niet meer automatisch en wacht op u. Probeer de stap opnieuw in de console zodra de oorzaak is verholpen: de stap wordt dan opnieuw uitgevoerd vanaf het punt waar hij mislukte. De termijn loopt door.'
          : 'The workflow has stopped retrying and waits for you. Retry the step in the console once the cause is resolved: the step then runs again from where it failed. The deadline keeps running.',
      },
    ],
  });
}
