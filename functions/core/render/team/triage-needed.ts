import { formatDate } from '../dates.js';
import { formatDaysLeft } from '../numbers.js';
import { textsFor } from '../texts/index.js';
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
  const texts = textsFor(locale).team;
  const t = texts.triageNeeded;
  const timeLeft = formatDaysLeft(input.daysLeft, locale);
  return renderTeamEmail(input, {
    subject: t.subject(requestId, timeLeft),
    title: t.title,
    blocks: [
      {
        kind: 'facts',
        rows: [requestFact(requestId, locale), [texts.legalDeadline, `${formatDate(input.legalDeadline, locale)} (${timeLeft})`]],
      },
      input.held && { kind: 'alert', text: t.held },
      { kind: 'paragraph', text: t.open },
    ],
  });
}
