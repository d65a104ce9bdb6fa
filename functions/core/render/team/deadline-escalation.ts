import type { RequestStatus } from '../../request/model.js';
import { formatDate } from '../dates.js';
import { law } from '../legal.js';
import { statusLabel } from '../status.js';
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
  const { locale, requestId } = input;
  const nl = locale === 'nl';
  const date = formatDate(input.deadline, locale);
  const status = statusLabel(input.status, locale);
  const legal = input.missed === 'legal';
  const legalDate = input.legalDeadline ? formatDate(input.legalDeadline, locale) : undefined;
  const refusal = input.missed === 'refusal';
  const alert = refusal
    ? nl
      ? `De termijn van één maand van ${law('Art. 12(4)', locale)} is op ${date} verstreken, en het verzoek wacht nog steeds op de beoordeling. Een weigering, ook een gedeeltelijke, is vanaf nu te laat en wordt als zodanig vastgelegd. Neem vandaag een besluit.`
      : `The one-month period of ${law('Art. 12(4)', locale)} ended on ${date}, and the request is still waiting for the review. A refusal, even a partial one, is now late and will be recorded as late. Decide today.`
    : legal
    ? nl
      ? `De termijn van ${law('Art. 12(3)', locale)} voor dit verzoek is op ${date} verstreken, en het verzoek heeft nog steeds de status ‘${status}’. Kiara is nu te laat. Beantwoord het verzoek zonder verdere vertraging en leg de oorzaak vast in de console.`
      : `The ${law('Art. 12(3)', locale)} deadline for this request passed on ${date}, and the request is still ${status}. Kiara is now late. Reply to the data subject without further delay and record the cause in the console.`
    : nl
      ? `De interne termijn voor dit verzoek is op ${date} verstreken, en het verzoek heeft nog steeds de status ‘${status}’. ${legalDate ? `De wettelijke termijn (${legalDate}) komt dichtbij` : 'De wettelijke termijn komt dichtbij'}: handel het verzoek vandaag af.`
      : `The internal deadline for this request passed on ${date}, and the request is still ${status}. ${legalDate ? `The legal deadline (${legalDate}) is close` : 'The legal deadline is close'}: handle the request today.`;
  return renderTeamEmail(input, {
    subject: nl
      ? `[DSR] DRINGEND: ${refusal ? 'weigeringstermijn' : legal ? 'wettelijke termijn' : 'interne termijn'} verstreken voor ${requestId}`
      : `[DSR] URGENT: ${refusal ? 'refusal' : legal ? 'legal' : 'internal'} deadline passed for ${requestId}`,
    title: nl
      ? `DRINGEND: de ${refusal ? 'weigeringstermijn' : legal ? 'wettelijke termijn' : 'interne termijn'} is verstreken`
      : `URGENT: the ${refusal ? 'refusal' : legal ? 'legal' : 'internal'} deadline has passed`,
    blocks: [
      { kind: 'alert', text: alert },
      {
        kind: 'facts',
        rows: [
          requestFact(requestId, locale),
          ['Status', status],
          [
            refusal
              ? nl ? 'Termijn voor een weigering' : 'Deadline for a refusal'
              : legal ? (nl ? 'Wettelijke termijn' : 'Legal deadline') : nl ? 'Interne termijn' : 'Internal deadline',
            date,
          ],
          ...(!legal && legalDate ? [[nl ? 'Wettelijke termijn' : 'Legal deadline', legalDate] as const] : []),
        ],
      },
    ],
  });
}
