import type { RequestStatus } from '../../request/model.js';
import { formatDate } from '../dates.js';
import { statusLabel } from '../status.js';
import { textsFor } from '../texts/index.js';
import type { IsoDate, RenderedEmail, TeamEmailBase } from '../types.js';
import { renderTeamEmail, requestFact } from './common.js';

export interface DeadlineEscalationInput extends TeamEmailBase {
  /** Which deadline has passed; `refusal`: the one-month date of Art. 12(4) with the review still pending. */
  missed: 'strict' | 'legal' | 'refusal';
  /** The date of the deadline that passed. */
  deadline: IsoDate;
  status: RequestStatus;
  /** The legal deadline still ahead, shown when the strict one passed. */
  legalDeadline?: IsoDate;
}

/** A deadline passed on an open request: urgent. */
export function deadlineEscalation(input: DeadlineEscalationInput): RenderedEmail {
  const { locale, requestId, missed } = input;
  const texts = textsFor(locale).team;
  const t = texts.deadlineEscalation;
  const date = formatDate(input.deadline, locale);
  const status = statusLabel(input.status, locale);
  const legalDate = input.legalDeadline ? formatDate(input.legalDeadline, locale) : undefined;
  const alert = missed === 'refusal' ? t.refusal(date) : missed === 'legal' ? t.legal(date, status) : t.strict(date, status, legalDate);
  const label = { refusal: t.refusalDeadline, legal: texts.legalDeadline, strict: texts.internalDeadline }[missed];
  return renderTeamEmail(input, {
    subject: t.subject(requestId, missed),
    title: t.title(missed),
    blocks: [
      { kind: 'alert', text: alert },
      {
        kind: 'facts',
        rows: [
          requestFact(requestId, locale),
          [texts.status, status],
          [label, date],
          ...(missed !== 'legal' && legalDate ? [[texts.legalDeadline, legalDate] as const] : []),
        ],
      },
    ],
  });
}
