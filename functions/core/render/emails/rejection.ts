import { reviewDecision } from '../../request/decisions.js';
import { decisionBlocks, type ReviewedRights } from '../decisions.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { remedyBlocks, replyEmail } from './common.js';

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
  const partial = reviewDecision(input.decisions) === 'approved';
  const title = nl
    ? partial
      ? 'Wij kunnen uw privacyverzoek niet volledig uitvoeren'
      : 'Wij kunnen uw privacyverzoek niet uitvoeren'
    : partial
      ? 'We cannot fully carry out your privacy request'
      : 'We cannot carry out your privacy request';
  return replyEmail(
    input,
    title,
    partial
      ? {
          en: 'We are carrying out part of it, but not all of it. Below we set out our decision on each right, and why.',
          nl: 'Wij voeren een deel ervan uit, maar niet alles. Hieronder leest u per recht wat wij hebben besloten, en waarom.',
        }
      : {
          en: 'We have decided not to act on it. Below we set out why.',
          nl: 'Wij hebben besloten hieraan geen gevolg te geven. Hieronder leest u waarom.',
        },
    [...decisionBlocks(input, locale), ...remedyBlocks(requestId, locale)],
  );
}
