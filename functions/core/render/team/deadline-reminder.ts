import type { RequestStatus } from '../../request/model.js';
import { formatDate } from '../dates.js';
import { formatDaysLeft } from '../numbers.js';
import { statusLabel } from '../status.js';
import { textsFor } from '../texts/index.js';
import type { IsoDate, RenderedEmail, TeamEmailBase } from '../types.js';
import { renderTeamEmail, requestFact } from './common.js';

export interface DeadlineReminderInput extends TeamEmailBase {
  /** Calendar days left until the deadline named by `daysLeftTo`. */
  daysLeft: number;
  daysLeftTo: 'strict' | 'legal';
  /** The internal SLA date. */
  strictDeadline: IsoDate;
  /** The legal limit (rolled to a working day). */
  legalDeadline: IsoDate;
  status: RequestStatus;
}

/** An open request approaches its deadline. */
export function deadlineReminder(input: DeadlineReminderInput): RenderedEmail {
  const { locale, requestId } = input;
  const texts = textsFor(locale).team;
  const t = texts.deadlineReminder;
  const timeLeft = formatDaysLeft(input.daysLeft, locale);
  return renderTeamEmail(input, {
    subject: t.subject(requestId, texts.deadlineNames[input.daysLeftTo], timeLeft),
    title: t.title,
    blocks: [
      {
        kind: 'facts',
        rows: [
          requestFact(requestId, locale),
          [texts.status, statusLabel(input.status, locale)],
          [texts.internalDeadline, `${formatDate(input.strictDeadline, locale)}${input.daysLeftTo === 'strict' ? ` (${timeLeft})` : ''}`],
          [texts.legalDeadline, `${formatDate(input.legalDeadline, locale)}${input.daysLeftTo === 'legal' ? ` (${timeLeft})` : ''}`],
        ],
      },
      { kind: 'paragraph', text: t.complete },
    ],
  });
}
