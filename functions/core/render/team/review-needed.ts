import type { Right } from '../../inventory/types.js';
import type { ReviewNote } from '../../request/model.js';
import { formatDate } from '../dates.js';
import { formatDaysLeft } from '../numbers.js';
import { rightLabels } from '../rights.js';
import { textsFor } from '../texts/index.js';
import type { IsoDate, RenderedEmail, TeamEmailBase } from '../types.js';
import { renderTeamEmail, requestFact } from './common.js';


export interface ReviewNeededInput extends TeamEmailBase {
  types: readonly Right[];
  /** Calendar days until the legal deadline (negative once it has passed). */
  daysLeft: number;
  legalDeadline: IsoDate;
  note?: ReviewNote;
}

/** A request waits for the privacy team's review. */
export function reviewNeeded(input: ReviewNeededInput): RenderedEmail {
  const { locale, requestId } = input;
  const texts = textsFor(locale).team;
  const t = texts.reviewNeeded;
  const timeLeft = formatDaysLeft(input.daysLeft, locale);
  return renderTeamEmail(input, {
    subject: t.subject(requestId, timeLeft),
    title: t.title,
    blocks: [
      {
        kind: 'facts',
        rows: [
          requestFact(requestId, locale),
          [t.rights, rightLabels(input.types, locale).join('\n')],
          [texts.legalDeadline, `${formatDate(input.legalDeadline, locale)} (${timeLeft})`],
        ],
      },
      input.note && { kind: 'alert', text: t.notes[input.note] },
      { kind: 'paragraph', text: t.open },
    ],
  });
}
