import type { Right } from '../../inventory/types.js';
import { RenderInputError } from '../errors.js';
import { textsFor } from '../texts/index.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { remedyBlocks, replyEmail } from './common.js';

export interface RestrictionLiftedInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  types: readonly Right[];
  /** The privacy team's reason for lifting it, quoted to the person. */
  reason: string;
}

/**
 * Art. 18(3): the person is told before the restriction is lifted. Sent first; only once it
 * went out is the lift recorded and its release started, which removes the marks and deletes
 * the held copy (functions/admin/restrictions.ts, functions/restriction-lift/).
 */
export function restrictionLifted(input: RestrictionLiftedInput): RenderedEmail {
  const t = textsFor(input.locale).restrictionLifted;
  if (input.reason.trim() === '') throw new RenderInputError('Lifting a restriction needs a reason');
  return replyEmail(input, t.title, t.then, [
    { kind: 'heading', text: t.whyHeading },
    { kind: 'paragraph', text: input.reason },
    { kind: 'heading', text: t.changesHeading },
    { kind: 'list', items: t.changes },
    { kind: 'paragraph', text: t.questions },
    ...remedyBlocks(input.requestId, input.locale),
  ]);
}
