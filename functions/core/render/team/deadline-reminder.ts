import type { RequestStatus } from '../../request/model.js';
import { formatDate } from '../dates.js';
import { formatDaysLeft } from '../numbers.js';
import { statusLabel } from '../status.js';
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
  const nl = locale === 'nl';
  const timeLeft = formatDaysLeft(input.daysLeft, locale);
  const which = input.daysLeftTo === 'legal' ? (nl ? 'wettelijke termijn' : 'legal deadline') : nl ? 'interne termijn' : 'internal deadline';
  return renderTeamEmail(input, {
    subject: nl
      ? `[DSR] Herinnering termijn: ${requestId} (${which} ${timeLeft})`
      : `[DSR] Deadline reminder: ${requestId} (${which} ${timeLeft})`,
    title: nl ? 'De termijn van een verzoek nadert' : 'A request is approaching its deadline',
    blocks: [
      {
        kind: 'facts',
        rows: [
          requestFact(requestId, locale),
          ['Status', statusLabel(input.status, locale)],
          [
            nl ? 'Interne termijn' : 'Internal deadline',
            `${formatDate(input.strictDeadline, locale)}${input.daysLeftTo === 'strict' ? ` (${timeLeft})` : ''}`,
          ],
          [
            nl ? 'Wettelijke termijn' : 'Legal deadline',
            `${formatDate(input.legalDeadline, locale)}${input.daysLeftTo === 'legal' ? ` (${timeLeft})` : ''}`,
          ],
        ],
      },
      {
        kind: 'paragraph',
        text: nl
          ? 'Rond het verzoek vóór de interne termijn af. Is meer tijd echt nodig, dan kan het verzoek alleen binnen de eerste maand worden verlengd, met een schriftelijke reden.'
          : 'Complete the request before the internal deadline. If more time is truly needed, the request can only be extended within the first month, with a written reason.',
      },
    ],
  });
}
