import type { Right } from '../../inventory/types.js';
import { formatInstantDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { law } from '../legal.js';
import { renderEmail } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import type { IsoInstant, Locale, RenderedEmail, SubjectEmailBase } from '../types.js';
import { remedyBlocks, subjectFooter, subjectReference } from './common.js';

export const REJECTION_REASON_CODES = ['manifestly_unfounded', 'excessive', 'identity_not_confirmed', 'other'] as const;
export type RejectionReasonCode = (typeof REJECTION_REASON_CODES)[number];

export interface RejectionInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  types: readonly Right[];
  reasonCode: RejectionReasonCode;
  /** The privacy team's account of the facts (Kiara carries the burden of proof). */
  facts: string;
  /** True when only part of the request is refused. */
  partial: boolean;
}

function reasonText(code: RejectionReasonCode, locale: Locale): string {
  const nl = locale === 'nl';
  switch (code) {
    case 'manifestly_unfounded':
      return nl
        ? `We vinden het verzoek kennelijk ongegrond (${law('Art. 12(5)(b)', locale)}).`
        : `We consider the request manifestly unfounded (${law('Art. 12(5)(b)', locale)}).`;
    case 'excessive':
      return nl
        ? `We vinden het verzoek buitensporig, met name vanwege het herhalende karakter (${law('Art. 12(5)(b)', locale)}).`
        : `We consider the request excessive, in particular because of its repetitive character (${law('Art. 12(5)(b)', locale)}).`;
    case 'identity_not_confirmed':
      return nl
        ? `We konden niet vaststellen dat het verzoek afkomstig is van degene op wie de gegevens betrekking hebben, en met de gegevens die we hebben, kunnen we u niet identificeren (art. 11(2) en 12(2) AVG). Geeft u ons aanvullende gegevens waarmee we u kunnen identificeren, dan behandelen we uw verzoek alsnog.`
        : `We could not establish that the request comes from the person the data relates to, and the information we hold does not allow us to identify you (Art. 11(2) and 12(2) GDPR). If you give us additional information that enables us to identify you, we will handle your request.`;
    case 'other':
      return nl
        ? `We geven om de hieronder beschreven redenen geen gevolg aan het verzoek (${law('Art. 12(4)', locale)}).`
        : `We are not acting on the request, for the reasons set out below (${law('Art. 12(4)', locale)}).`;
    default:
      throw new RenderInputError(`Unknown rejection reason code ${JSON.stringify(code)}`);
  }
}

/** A full or partial refusal (Art. 12(4)/(5)) with reasons, facts and the remedies. */
export function rejection(input: RejectionInput): RenderedEmail {
  const { locale, requestId, partial } = input;
  const nl = locale === 'nl';
  if (typeof input.facts !== 'string' || input.facts.trim() === '') {
    throw new RenderInputError('A refusal states the facts it rests on');
  }
  const received = formatInstantDate(input.receivedAt, locale);
  const rights = rightsPhrase(input.types, locale);
  const title = nl
    ? partial
      ? 'We kunnen uw privacyverzoek niet volledig uitvoeren'
      : 'We kunnen uw privacyverzoek niet uitvoeren'
    : partial
      ? 'We cannot fully carry out your privacy request'
      : 'We cannot carry out your privacy request';
  return renderEmail({
    locale,
    subject: `${title} (${subjectReference(requestId, locale)})`,
    title,
    blocks: [
      {
        kind: 'paragraph',
        text: nl
          ? `Op ${received} hebben we uw verzoek ontvangen (${rights}). ${
              partial
                ? 'We voeren een deel ervan uit, maar niet alles. In dit bericht leest u welk deel we niet uitvoeren, en waarom.'
                : 'We hebben besloten hieraan geen gevolg te geven. In dit bericht leest u waarom.'
            }`
          : `On ${received} we received your request (${rights}). ${
              partial
                ? 'We are carrying out part of it, but not all of it. This message explains which part we are not carrying out, and why.'
                : 'We have decided not to act on it. This message explains why.'
            }`,
      },
      { kind: 'heading', text: nl ? 'Waarom' : 'Why' },
      { kind: 'paragraph', text: reasonText(input.reasonCode, locale) },
      { kind: 'paragraph', text: nl ? 'De feiten waarop we dit besluit baseren:' : 'The facts on which we base this decision:' },
      { kind: 'paragraph', text: input.facts.trim() },
      ...remedyBlocks(requestId, locale),
    ],
    footer: subjectFooter(requestId, locale),
  });
}
