import { formatDate } from '../dates.js';
import { formatDaysLeft } from '../numbers.js';
import type { IsoDate, RenderedEmail, TeamEmailBase } from '../types.js';
import { renderTeamEmail, requestFact } from './common.js';

export interface TriageNeededInput extends TeamEmailBase {
  /** Calendar days until the legal deadline (negative once it has passed). */
  daysLeft: number;
  legalDeadline: IsoDate;
  /** Held: no acknowledgement went out (spam, virus, failed DMARC, unreadable). */
  held: boolean;
}

/** A mail to the privacy address waits for the team to say which rights it invokes. */
export function triageNeeded(input: TriageNeededInput): RenderedEmail {
  const { locale, requestId } = input;
  const nl = locale === 'nl';
  const timeLeft = formatDaysLeft(input.daysLeft, locale);
  return renderTeamEmail(input, {
    subject: nl ? `[DSR] E-mail te beoordelen: ${requestId} (${timeLeft})` : `[DSR] Email to triage: ${requestId} (${timeLeft})`,
    title: nl ? 'Een e-mail aan het privacyadres wacht op u' : 'An email to the privacy address waits for you',
    blocks: [
      {
        kind: 'facts',
        rows: [
          requestFact(requestId, locale),
          [nl ? 'Wettelijke termijn' : 'Legal deadline', `${formatDate(input.legalDeadline, locale)} (${timeLeft})`],
        ],
      },
      input.held && {
        kind: 'alert',
        text: nl
          ? 'Dit bericht is tegengehouden (spam, virus, mislukte DMARC-controle of onleesbaar): de afzender heeft geen ontvangstbevestiging gekregen.'
          : 'This message was held (spam, virus, failed DMARC check or unreadable): the sender has received no acknowledgement.',
      },
      {
        kind: 'paragraph',
        text: nl
          ? 'Open het bericht in de console en leg vast welke rechten het verzoek uitoefent, of sluit het als het geen privacyverzoek is. De termijn loopt door.'
          : 'Open the message in the console and record which rights it invokes, or dismiss it if it is no privacy request. The deadline keeps running.',
      },
    ],
  });
}
