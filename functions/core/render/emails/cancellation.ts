import type { Right } from '../../inventory/types.js';
import { textsFor } from '../texts/index.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { replyEmail } from './common.js';

export interface CancellationInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  types: readonly Right[];
}

/**
 * Confirms that the requester withdrew the request: it is closed at the review, before
 * any data was provided, erased or changed.
 */
export function cancellationConfirmation(input: CancellationInput): RenderedEmail {
  const t = textsFor(input.locale).cancellation;
  return replyEmail(input, t.title, t.then, [
    { kind: 'paragraph', text: t.nothingDone },
    { kind: 'paragraph', text: t.newRequest },
  ]);
}
