import type { Right } from '../../inventory/types.js';
import { formatInstantDate, formatInstantDateTime } from '../dates.js';
import { renderEmail } from '../layout.js';
import { rightsPhrase } from '../rights.js';
import { textsFor } from '../texts/index.js';
import type { IsoInstant, RenderedEmail, SubjectEmailBase } from '../types.js';
import { remedyBlocks, subjectFooter, subjectReference } from './common.js';

export interface IdentityExpiredInput extends SubjectEmailBase {
  receivedAt: IsoInstant;
  types: readonly Right[];
  /** When the confirmation link expired: the address had to be confirmed by then. */
  confirmBy: IsoInstant;
}

/** The request was closed because the email address was not confirmed in time. */
export function identityExpired(input: IdentityExpiredInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).identityExpired;
  const received = formatInstantDate(input.receivedAt, locale);
  const confirmBy = formatInstantDateTime(input.confirmBy, locale);
  const rights = rightsPhrase(input.types, locale);
  return renderEmail({
    locale,
    subject: t.subject(subjectReference(requestId, locale)),
    title: t.title,
    blocks: [
      { kind: 'paragraph', text: t.notConfirmed(received, rights, confirmBy) },
      { kind: 'paragraph', text: t.closed },
      { kind: 'heading', text: t.againHeading },
      { kind: 'paragraph', text: t.again },
      { kind: 'paragraph', text: t.notYou },
      // Closing without acting is not taking action on the request (Art. 12(4)): name the remedies.
      ...remedyBlocks(requestId, locale),
    ],
    footer: subjectFooter(requestId, locale),
  });
}
