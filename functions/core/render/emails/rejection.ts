import { reviewDecision } from '../../request/decisions.js';
import { formatInstantDate } from '../dates.js';
import { decisionBlocks, type ReviewedRights } from '../decisions.js';
import { renderEmail } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { remedyBlocks, subjectFooter, subjectReference } from './common.js';

/** `decisions`: the decision on each right; at least one is refused or granted only in part. */
export interface RejectionInput extends SubjectEmailBase, ReviewedRights {
  receivedAt: IsoInstant;
}

/**
 * The reply when nothing of the request is carried out (Art. 12(4)/(5)): the decision
 * on each right, its ground and facts, and the remedies.
 */
export function rejection(input: RejectionInput): RenderedEmail {
  const { locale, requestId } = input;
  const nl = locale === 'nl';
  const received = formatInstantDate(input.receivedAt, locale);
  const rights = rightsPhrase(input.types, locale);
  const partial = reviewDecision(input.decisions) === 'approved';
  const title = nl
    ? partial
      ? 'Wij kunnen uw privacyverzoek niet volledig uitvoeren'
      : 'Wij kunnen uw privacyverzoek niet uitvoeren'
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
          ? `Op ${received} hebben wij uw verzoek ontvangen (${rights}). ${
              partial
                ? 'Wij voeren een deel ervan uit, maar niet alles. Hieronder leest u per recht wat wij hebben besloten, en waarom.'
                : 'Wij hebben besloten hieraan geen gevolg te geven. Hieronder leest u waarom.'
            }`
          : `On ${received} we received your request (${rights}). ${
              partial
                ? 'We are carrying out part of it, but not all of it. Below we set out our decision on each right, and why.'
                : 'We have decided not to act on it. Below we set out why.'
            }`,
      },
      ...decisionBlocks(input, locale),
      ...remedyBlocks(requestId, locale),
    ],
    footer: subjectFooter(requestId, locale),
  });
}
