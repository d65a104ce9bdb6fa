import type { Right } from '../../inventory/types.js';
import type { ReviewNote } from '../../request/model.js';
import { formatDate } from '../dates.js';
import { law } from '../legal.js';
import { formatDaysLeft } from '../numbers.js';
import { rightLabels } from '../rights.js';
import type { IsoDate, Locale, RenderedEmail, TeamEmailBase } from '../types.js';
import { renderTeamEmail, requestFact } from './common.js';


export interface ReviewNeededInput extends TeamEmailBase {
  types: readonly Right[];
  /** Calendar days until the legal deadline (negative once it has passed). */
  daysLeft: number;
  legalDeadline: IsoDate;
  note?: ReviewNote;
}

function noteText(note: ReviewNote, locale: Locale): string {
  const nl = locale === 'nl';
  switch (note) {
    case 'requester_email_differs_from_account':
      return nl
        ? 'Het e-mailadres van de verzoeker wijkt af van het e-mailadres van het account. Controleer de identiteit in de console voordat u verdergaat.'
        : "The requester's email address differs from the account's email address. Check the identity in the console before you proceed.";
    case 'repeated_request':
      return nl
        ? `Er zijn onlangs vergelijkbare verzoeken van dezelfde persoon binnengekomen. Beoordeel of het verzoek buitensporig is (${law('Art. 12(5)', locale)}) en leg de feiten vast.`
        : `Similar requests from the same person arrived recently. Assess whether the request is excessive (${law('Art. 12(5)', locale)}) and record the facts.`;
    case 'decision_required':
      return nl
        ? 'Het verzoek betreft een recht waarover het privacyteam moet beslissen (rectificatie, beperking of bezwaar).'
        : 'The request includes a right that the privacy team has to decide on (rectification, restriction or objection).';
  }
}

/** A request waits for the privacy team's review. */
export function reviewNeeded(input: ReviewNeededInput): RenderedEmail {
  const { locale, requestId } = input;
  const nl = locale === 'nl';
  const timeLeft = formatDaysLeft(input.daysLeft, locale);
  return renderTeamEmail(input, {
    subject: nl ? `[DSR] Beoordeling nodig: ${requestId} (${timeLeft})` : `[DSR] Review needed: ${requestId} (${timeLeft})`,
    title: nl ? 'Een verzoek wacht op uw beoordeling' : 'A request needs your review',
    blocks: [
      {
        kind: 'facts',
        rows: [
          requestFact(requestId, locale),
          [nl ? 'Rechten' : 'Rights', rightLabels(input.types, locale).join('\n')],
          [nl ? 'Wettelijke termijn' : 'Legal deadline', `${formatDate(input.legalDeadline, locale)} (${timeLeft})`],
        ],
      },
      input.note && { kind: 'alert', text: noteText(input.note, locale) },
      {
        kind: 'paragraph',
        text: nl
          ? 'Open het verzoek in de console om het te beoordelen. De workflow wacht op uw besluit; de termijn loopt door.'
          : 'Open the request in the console to review it. The workflow waits for your decision; the deadline keeps running.',
      },
    ],
  });
}
